namespace Hub.Server.Api.Docs;

/// <summary>
/// The description of every tag the API's endpoints use (<c>WithTags</c>). The document generation fails on a tag
/// missing here, so a new feature cannot publish an undescribed group of operations.
/// </summary>
public static class ApiTags
{
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System 系统"] = "枢纽自身的信息 / About the hub itself.",
        ["People 实名用户"] = "实名制用户信息库：登记或解析全国唯一的实名身份、查询、合并、更正与关联（数据规范 specs/data/person.md）。"
            + " The national real-name registry: register or resolve the one identity per person, read, merge, correct and link.",
        ["Identity reviews 实名复核"] = "登记时姓名与已有记录不一致而开启的复核案件 / Review cases opened when a registration's name conflicts with the record.",
        ["Regions 行政区划"] = "GB/T 2260 行政区划代码（现行与已撤销），公开参考数据 / GB/T 2260 region codes, current and retired; public reference data.",
        ["Organizations 机构与学校"] = "教育行政部门与学校（学校标识码、附件 3 统计项），按管辖范围读写（specs/data/organization.md）。"
            + " Education bureaus and schools, read and written within your jurisdiction.",
        ["Operators 管理员"] = "各级管理员账号：只能授予自己持有的权限，只能在自己的管辖范围内 / Admin accounts: grant only what you hold, only inside your subtree.",
        ["Platforms 平台接入"] = "区域平台接入（附件 2、JWKS、审核、凭据签发、暂停与恢复；接入规范 specs/access/README.md）。"
            + " Regional platform access: the attachment-2 form, JWKS, review, credentials, suspension.",
        ["Apps 应用接入"] = "厂商应用登记、地区选用申请与审核、客户端凭据（specs/access/apps.md）。"
            + " Vendor apps: registration, region applications and their review, client credentials.",
        ["Pilot 体系试点申报"] = "体系试点申报（附件 2–4）、专家评审、审定与公布（specs/access/pilot.md）。"
            + " The pilot application (attachments 2–4), expert scoring, decision and publication.",
        ["Change feed 变更流"] = "按全局变更序号读取管辖范围内人员与机构的变更、删除与标识变更，新适配器先读快照再跟随变更流（数据交换规范 specs/exchange）。"
            + " Changes, deletions and key changes of people and organizations in your jurisdiction by the global change version; a new adapter reads a snapshot, then follows the feed.",
        ["Exchange 数据交换运维"] = "数据交换的运维：待确认的批量删除、死信查看与重放、快照与对账请求（数据交换规范 specs/exchange）。"
            + " Operating the exchange: held removals, dead letters and replay, snapshot and reconciliation requests.",
        ["Monitoring 连接监测"] = "管辖范围内各平台的连接状态（connected、degraded、silent、suspended）、历史、拒绝原因与告警及其时间线（运行监测 specs/exchange/operations.md）。"
            + " Connection health of the platforms in your jurisdiction (connected, degraded, silent, suspended), history, rejection reasons, alerts and their timelines.",
        ["Space 个人空间"] = "每人一个空间：通知、家校消息、个人文件（多个存储加密副本）、监护关系与数据导出（specs/data/space.md）。本人令牌（scope space）或平台发布通知（space:announce）。"
            + " One space per person: announcements, parent–teacher messages, files replicated encrypted across storage providers, guardians, data export.",
        ["Support 技术支持"] = "学校提交技术支持请求，区域链内的支持人员与专家处理；团队、专家、设备登记与统计（specs/support）。"
            + " Technical support: schools file requests, support staff and experts of the region chain handle them; teams, experts, equipment, statistics.",
        ["Resources 资源"] = "资源信息库：按数据规范提交资源，来源层级内容审查，逐级汇聚（一次接入）、中文检索、推送到空间、采购与选用（specs/data/resource.md）。"
            + " The resource catalog: submit to the data spec, review at the origin level, aggregation up the region chain, Chinese search, pushes into spaces, procurement and selection.",
        ["Usage 资源应用"] = "资源应用情况：上报应用事件（浏览、下载、收藏、评价、完成、时长），按地区、学校、资源、学科统计与导出（specs/data/resource.md）。"
            + " Resource usage: report usage events and read aggregates by region, school, resource and subject, as JSON or CSV.",
        ["Federation 平台就近登录"] = "平台注册自己的 OpenID 提供方，供本平台人员就近登录（认证规范 §11）。"
            + " A platform registers its own OpenID provider so its people sign in there (auth spec §11).",
    };
}
