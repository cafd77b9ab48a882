namespace Hub.Server.Api.Docs;

/// <summary>
/// What each path and query parameter of the API means. Names are shared across features (the paging pair, hub ids,
/// region codes), so one table keeps them worded alike; the first entry whose name matches and whose path prefix the
/// operation's route starts with wins. A parameter missing here fails the OpenAPI lint (oas3-parameter-description).
/// </summary>
internal static class ParameterDescriptions
{
    private static readonly (string Name, string PathPrefix, string Text)[] Known =
    [
        ("limit", "/api/v1/changes", "每页条数，1–1000，默认 500 / Page size, 1–1000, default 500"),
        ("limit", "/api/v1/snapshots", "每页条数，1–1000，默认 500 / Page size, 1–1000, default 500"),
        ("since", "/api/v1/changes", "读取此变更序号之后的变更：首次为 0 或快照的 snapshotVersion，之后为上一页的 next / Changes after this version: 0 or the snapshot's snapshotVersion first, then the previous page's next"),
        ("after", "/api/v1/snapshots", "快照游标：上一页的 next；不传为第一页 / The previous page's next; omit for the first page"),
        ("limit", "", "每页条数，1–1000，默认 100 / Page size, 1–1000, default 100"),
        ("after", "", "上一页返回的游标 `next`；不传为第一页 / The cursor `next` of the previous page; omit for the first page"),
        ("hubId", "", "枢纽统一标识（`P` + 16 位 Crockford Base32）/ Hub id (`P` + 16 Crockford Base32 characters)"),
        ("purpose", "", "查看用途，4–200 个字符，记入审计 / Why the full number is read, 4–200 characters, audited"),
        ("regionCode", "", "GB/T 2260 行政区划代码（6 位），限定在调用方管辖范围内 / GB/T 2260 region code (6 digits), within your jurisdiction"),
        ("includeRetired", "", "同时列出已撤销的代码 / Also list retired codes"),
        ("code", "/api/v1/regions", "GB/T 2260 行政区划代码（6 位，现行或已撤销）/ GB/T 2260 region code (6 digits, current or retired)"),
        ("code", "/api/v1/organizations", "机构标识码：学校为 10 位学校标识码 / Organization code: a school's 10-digit school code"),
        ("kind", "/api/v1/organizations", "`school` 学校或 `bureau` 教育行政部门 / `school` or `bureau`"),
        ("schoolType", "/api/v1/organizations", "学校类型（代码列表 specs/data/codes/school-types.json）/ School type (code list in specs/data)"),
        ("status", "/api/v1/platforms", "按状态筛选：draft、submitted、underReview、approved、rejected、connected、suspended / Filter by status"),
        ("status", "/api/v1/apps", "按状态筛选：applied、approved、rejected、withdrawn / Filter by status"),
        ("id", "/api/v1/platforms", "接入申请标识 / Access application id"),
        ("id", "/api/v1/apps", "选用申请标识 / Region application id"),
        ("appId", "/api/v1/apps", "应用标识 / App id"),
        ("id", "/api/v1/identity/reviews", "复核案件标识 / Review case id"),
        ("id", "/api/v1/pilot", "试点申报标识 / Pilot application id"),
        ("attachment", "/api/v1/pilot", "`attachment-2`、`attachment-3` 或 `attachment-4`（附件 2–4）/ Which attachment"),
        ("format", "/api/v1/pilot", "`xlsx`（默认）或 `csv` / `xlsx` (default) or `csv`"),
        ("platform", "/api/v1/pilot", "平台序号（从 0 起），附件 2、3 须指定 / Platform index from 0; required for attachments 2 and 3"),
        ("region", "/api/v1/pilot", "试点地区序号（从 0 起），附件 3 须指定 / Pilot region index from 0; required for attachment 3"),
    ];

    public static string? For(string name, string path) =>
        Known.FirstOrDefault(k => k.Name == name && path.StartsWith(k.PathPrefix, StringComparison.Ordinal)).Text;
}
