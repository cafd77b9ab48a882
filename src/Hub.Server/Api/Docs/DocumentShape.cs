using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Server.Api.Docs;

/// <summary>
/// The document-level parts of the open interface spec (specs/api/openapi.json): info, the OAuth 2.0 security scheme
/// with every API scope, the problem schemas and the tag descriptions.
/// </summary>
internal sealed class DocumentShape : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Hub 开放接口 / Hub Open API",
            Version = HubVersion.ContractVersion,
            Description = """
                国家数字教育资源公共服务体系枢纽的开放接口规范（v1）。平台、厂商与各级管理端用 OAuth 2.0 客户端凭据在
                `/connect/token` 获取访问令牌（认证规范 specs/auth），以 `Authorization: Bearer` 调用；每个操作所需的 scope
                见其 security。读写均限定在令牌的管辖范围（`hub_region`）内，范围外的资源表现为不存在（404）。
                所有错误都是 RFC 9457 `application/problem+json`，带稳定错误码 `code`（specs/errors.md）。
                列表接口使用键集分页：`limit`（1–1000）与上一页返回的游标 `after`。

                The open interface spec (v1) of the national digital education resource hub. Platforms, vendors and
                operators get an access token with OAuth 2.0 client credentials at `/connect/token` (specs/auth) and send
                it as `Authorization: Bearer`; each operation's security names the scope it needs. Reads and writes are
                limited to the token's jurisdiction (`hub_region`); anything outside it does not exist (404). Every
                error is an RFC 9457 `application/problem+json` with a stable `code` (specs/errors.md). Lists page by
                keyset: `limit` (1–1000) and the cursor `after` returned with the previous page.
                """,
            Contact = new OpenApiContact { Name = "中央电化教育馆 体系枢纽 / National Centre for Educational Technology, Hub" },
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[OperationShape.SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "枢纽签发的访问令牌（JWT，ES256，`aud` = `hub-api`，有效期 10 分钟）。平台与厂商的接口令牌用客户端凭据流程（`private_key_jwt` 或客户端密钥）；"
                + "本人的令牌（如 `space`）用授权码流程（PKCE S256）。 / A hub access token (JWT, ES256, `aud` = `hub-api`, 10 minutes): client credentials for"
                + " platform and vendor calls; the authorization code flow (PKCE S256) for a person's own token (e.g. `space`).",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/connect/token", UriKind.Relative),
                    Scopes = HubScopes.Api.ToDictionary(s => s, s => HubScopes.ApiDescriptions[s], StringComparer.Ordinal),
                },
                // A person's own token (e.g. scope space) comes from the authorization code flow of a vendor app.
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                    TokenUrl = new Uri("/connect/token", UriKind.Relative),
                    Scopes = HubScopes.Identity.ToDictionary(s => s, s => $"{ScopeText.Describe(s).Zh} / {ScopeText.Describe(s).En}", StringComparer.Ordinal),
                },
            },
        };
        ProblemSchemas.AddTo(document);
        // The generator's own problem schemas are replaced by the hub's everywhere (OperationShape).
        document.Components.Schemas?.Remove("ProblemDetails");
        document.Components.Schemas?.Remove("HttpValidationProblemDetails");

        // Alphabetical by the English name that leads each tag, which is also the order of the rendered docs.
        var tags = (document.Tags ?? new HashSet<OpenApiTag>()).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        foreach (var tag in tags)
        {
            tag.Description = ApiTags.Descriptions.TryGetValue(tag.Name ?? "", out var description)
                ? description
                : throw new InvalidOperationException($"Tag '{tag.Name}' has no description: add it to Api/Docs/ApiTags.cs.");
        }
        document.Tags = new SortedSet<OpenApiTag>(tags, Comparer<OpenApiTag>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        return Task.CompletedTask;
    }
}
