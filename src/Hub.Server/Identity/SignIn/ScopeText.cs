using Hub.Server.Oidc;

namespace Hub.Server.Identity.SignIn;

/// <summary>What each scope discloses, in words a parent understands, for the consent page.</summary>
public static class ScopeText
{
    public static (string Zh, string En) Describe(string scope) => scope switch
    {
        HubScopes.OpenId => ("登录标识（每个应用不同）", "A sign-in identifier (different for each app)"),
        HubScopes.Profile => ("打码姓名（如 张*三）和角色", "Masked name (e.g. 张*三) and roles"),
        HubScopes.RealName => ("完整姓名和实名核验等级", "Full name and verification level"),
        HubScopes.IdentityDocument => ("证件类型和打码证件号码", "Document type and masked document number"),
        HubScopes.Organization => ("所在学校或机构及角色", "Schools or organizations and roles"),
        HubScopes.Region => ("所在地区代码", "Region codes"),
        HubScopes.Guardian => ("监护的学生", "Students you are guardian of"),
        HubScopes.HubId => ("全国统一枢纽账号", "Your nationwide hub id"),
        HubScopes.Space => ("您的学习空间：消息、文件和使用记录", "Your learning space: messages, files and records"),
        HubScopes.OfflineAccess => ("在您离开后继续访问（刷新令牌）", "Access while you are away (refresh tokens)"),
        _ => (scope, scope),
    };
}
