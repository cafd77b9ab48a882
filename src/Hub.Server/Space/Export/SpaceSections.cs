using System.Globalization;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Messages;

namespace Hub.Server.Space.Export;

/// <summary>Everything in the inbox (announcements that reach the person and direct messages) and every message the person sent.</summary>
public sealed class MessageSection(Inbox inbox, SpaceMessages messages) : ISpaceExportSection
{
    private const int Max = 5000;

    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string?>>();
        InboxCursor? after = null;
        do
        {
            var page = await inbox.PageAsync(person, after, 100, ct);
            rows.AddRange(page.Items.Select(i => (IReadOnlyList<string?>)["received", i.Kind, Id(i.Id), SpaceExport.Time(i.CreatedAt), i.SenderName, null,
                i.Title, i.Body, i.Read ? "yes" : "no"]));
            InboxCursor.TryDecode(page.Next, out after);
        }
        while (after is not null && rows.Count < Max);
        rows.AddRange((await messages.SentAsync(person, Max, ct)).Select(m => (IReadOnlyList<string?>)["sent", "message", Id(m.Id), SpaceExport.Time(m.CreatedAt),
            null, m.RecipientHubId, m.Subject, m.Body, m.Read ? "yes" : "no"]));
        return new ExportSection("messages", "消息", "Messages", ["direction", "kind", "id", "at", "from", "toHubId", "title", "body", "read"], rows);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The person's files (metadata and content hash; the contents are downloaded one by one from the space).</summary>
public sealed class FileSection(SpaceAssets assets) : ISpaceExportSection
{
    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var files = await assets.ListAsync(person.Id, ct);
        return new ExportSection("files", "我的文件", "Files", ["id", "name", "category", "contentType", "size", "sha256", "createdAt"],
            [.. files.Items.Select(f => (IReadOnlyList<string?>)[f.Id.ToString(), f.Name, f.Category, f.ContentType,
                f.Size.ToString(CultureInfo.InvariantCulture), f.Sha256, SpaceExport.Time(f.CreatedAt)])]);
    }
}
