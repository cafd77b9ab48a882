using System.Security.Cryptography;
using System.Text;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Hub.Server.Oidc;

/// <summary>
/// Pairwise subject identifiers: each vendor sees a different, stable "sub" for the same person, so two vendors
/// cannot correlate people. sub = base64url(HMAC-SHA256(pairwise key, client id ‖ hub id)), kept in a mapping
/// table so the hub can find the person again (userinfo, token exchange) without a reversible identifier.
/// </summary>
public sealed class PairwiseSubjects(HubDbContext db, IOptions<OidcOptions> options)
{
    public string Compute(string clientId, string hubId)
    {
        var key = Convert.FromBase64String(options.Value.PairwiseKey);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(clientId + "\u001f" + hubId));
        return "v" + Convert.ToBase64String(mac, 0, 20).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public async Task<string> EnsureAsync(string clientId, long personId, string hubId, CancellationToken ct)
    {
        var subject = Compute(clientId, hubId);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO pairwise_subjects (client_id, subject, person_id) VALUES ({clientId}, {subject}, {personId}) ON CONFLICT DO NOTHING", ct);
        return subject;
    }

    /// <summary>Every subject the person is known by: the hub id (platforms) and one pairwise id per vendor.</summary>
    public async Task<List<string>> AllSubjectsAsync(string hubId, CancellationToken ct)
    {
        var pairwise = await db.Set<PairwiseSubject>()
            .Join(db.Set<Identity.Registry.Person>().Where(p => p.HubId == hubId), s => s.PersonId, p => p.Id, (s, _) => s.Subject)
            .ToListAsync(ct);
        return [hubId, .. pairwise];
    }

    public async Task<long?> FindPersonAsync(string clientId, string subject, CancellationToken ct) =>
        await db.Set<PairwiseSubject>().Where(p => p.ClientId == clientId && p.Subject == subject)
            .Select(p => (long?)p.PersonId).FirstOrDefaultAsync(ct);
}

public sealed class PairwiseSubject
{
    public required string ClientId { get; set; }
    public required string Subject { get; set; }
    public long PersonId { get; set; }
}

internal sealed class PairwiseSubjectConfiguration : IEntityTypeConfiguration<PairwiseSubject>
{
    public void Configure(EntityTypeBuilder<PairwiseSubject> builder)
    {
        builder.ToTable("pairwise_subjects");
        builder.HasKey(p => new { p.ClientId, p.Subject });
        builder.Property(p => p.ClientId).HasMaxLength(100);
        builder.Property(p => p.Subject).HasMaxLength(64);
        builder.HasIndex(p => new { p.PersonId, p.ClientId });
        builder.HasOne<Identity.Registry.Person>().WithMany().HasForeignKey(p => p.PersonId);
    }
}
