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
        ("limit", "/api/v1/space", "条数，1–100（默认值见 schema）/ How many, 1–100 (default in the schema)"),
        ("limit", "/api/v1/monitoring", "最多条数（最新在前），1–1000，默认 100 / At most this many, newest first, 1–1000, default 100"),
        ("limit", "", "每页条数，1–1000，默认 100 / Page size, 1–1000, default 100"),
        ("format", "/api/v1/space", "`json`（默认）或 `csv` / `json` (default) or `csv`"),
        ("kind", "/api/v1/space/inbox", "`announcements` 通知或 `messages` 消息 / Announcements or messages"),
        ("id", "/api/v1/space/inbox", "通知或消息的标识 / Announcement or message id"),
        ("id", "/api/v1/space/announcements", "通知标识 / Announcement id"),
        ("id", "/api/v1/space", "文件标识（UUID）/ File id (UUID)"),
        ("school", "/api/v1/space", "只列该学校（学校标识码）的联系人 / Only contacts of this school (school code)"),
        ("before", "/api/v1/space", "只列此标识之前（更早）的通知；不传为最新 / Only announcements before this id; omit for the newest"),
        ("pending", "/api/v1/exchange", "只列待确认的（默认），false 列出全部 / Only those awaiting a decision (default); false lists all"),
        ("id", "/api/v1/exchange", "待确认删除的标识 / Held removal id"),
        ("platformId", "/api/v1/exchange", "平台标识（其客户端标识）/ Platform id (its client id)"),
        ("max", "/api/v1/exchange", "最多重放条数，1–10000，默认 100 / At most this many, 1–10000, default 100"),
        ("region", "/api/v1/monitoring", "只列该行政区划（6 位 GB/T 2260 代码）及其下级的平台，限定在调用方管辖范围内；不传为全部 / Only platforms of this region (6-digit GB/T 2260 code) and below, within your jurisdiction; omit for all"),
        ("platformId", "/api/v1/monitoring", "平台标识（其客户端标识）/ Platform id (its client id)"),
        ("range", "/api/v1/monitoring", "历史的时间范围：`1h`（默认）、`24h` 或 `7d`，其他值为 HUB-MON-0002 / History range: `1h` (default), `24h` or `7d`; anything else is HUB-MON-0002"),
        ("firing", "/api/v1/monitoring", "只列正在告警（firing）的，默认 false 列出全部 / Only firing alerts; default false lists all"),
        ("id", "/api/v1/monitoring/alerts", "告警标识 / Alert id"),
        ("number", "/api/v1/support", "请求编号 SR-区划-年-序号 / Request number, e.g. SR-440305-2026-000123"),
        ("status", "/api/v1/support", "按状态筛选（new、assigned、in_progress、waiting_for_school、resolved、closed、reopened、cancelled）/ Filter by status"),
        ("kind", "/api/v1/support", "按类别筛选（equipment_fault、network、platform_access、guidance、training）/ Filter by kind"),
        ("schoolCode", "", "学校标识码（10 位）/ School code (10 digits)"),
        ("breached", "/api/v1/support", "只列超时（true）或未超时（false）的请求 / Only breached (true) or unbreached (false) requests"),
        ("queue", "/api/v1/support", "mine 分派给我的、unrouted 未分派、escalated 已升级 / mine, unrouted or escalated"),
        ("deviceId", "/api/v1/support", "设备登记标识 / Device id of the equipment register"),
        ("action", "/api/v1/support", "start、ask_school、resolve、confirm、reopen、cancel"),
        ("fileName", "/api/v1/support", "附件文件名 / The attachment's file name"),
        ("id", "/api/v1/support/requests", "附件标识 / Attachment id"),
        ("id", "/api/v1/support/teams", "支持团队标识 / Support team id"),
        ("id", "/api/v1/support/devices", "设备登记标识 / Device id"),
        ("from", "/api/v1/support", "期间开始日期 YYYY-MM-DD（北京时间，含）/ First day, inclusive (China time)"),
        ("to", "/api/v1/support", "期间结束日期 YYYY-MM-DD（含）/ Last day, inclusive"),
        ("threshold", "/api/v1/support", "期间内故障次数不少于此值的设备，默认 2 / Devices with at least this many faults, default 2"),
        ("format", "/api/v1/support", "json（默认）或 csv 导出 / json (default) or csv"),
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
