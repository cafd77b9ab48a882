using Hub.Server.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Hub.Server.Api.Docs;

/// <summary>
/// Adds what the endpoint declarations imply but the generator does not write: the security requirement from the
/// endpoint's authorization policy (<see cref="ScopePolicies"/>), the problem+json responses every operation of that
/// shape can return, and a sentence on who may call it.
/// </summary>
internal sealed class OperationShape(IOptions<ScopePolicies> policies) : IOpenApiOperationTransformer
{
    public const string SecurityScheme = "hubToken";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("OpenAPI operation without its document.");
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anyOf = RequiredScopes(metadata, context.Description.RelativePath);
        operation.Responses ??= [];
        if (anyOf is null)
        {
            Describe(operation, "公开接口，无需令牌。 / Public: no token needed.");
        }
        else
        {
            var scheme = new OpenApiSecuritySchemeReference(SecurityScheme, document);
            operation.Security = anyOf.Length == 0
                ? [new OpenApiSecurityRequirement { [scheme] = [] }]
                : [.. anyOf.Select(scope => new OpenApiSecurityRequirement { [scheme] = [scope] })];
            Describe(operation, anyOf.Length == 0
                ? "权限：任何有效的枢纽访问令牌。 / Authorization: any valid hub access token."
                : $"权限：访问令牌须含 scope {Scopes(anyOf, "或")}。 / Authorization: an access token with scope {Scopes(anyOf, "or")}.");
            AddProblem(operation, document, 401);
            AddProblem(operation, document, 403);
        }
        var route = "/" + context.Description.RelativePath;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => string.IsNullOrEmpty(p.Description)))
        {
            parameter.Description = ParameterDescriptions.For(parameter.Name ?? "", route);
        }
        if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 })
        {
            AddProblem(operation, document, 400);
        }
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
        {
            AddProblem(operation, document, 404);
        }
        // Declared ones (ProducesProblem) get the hub's problem schema and a description naming the codes.
        foreach (var (status, _) in operation.Responses.Where(r => r.Key.Length == 3 && r.Key[0] is '4' or '5').ToList())
        {
            operation.Responses[status] = Problem(document, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
        }
        return Task.CompletedTask;
    }

    /// <summary>Null: anonymous. Empty: any valid token. Otherwise a token must hold one of the scopes.</summary>
    private string[]? RequiredScopes(IList<object> metadata, string? path)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0)
        {
            return null;
        }
        if (authorize.Count > 1 || authorize[0].Policy is not { } policy || !policies.Value.AnyOf.TryGetValue(policy, out var scopes))
        {
            // Every API endpoint names exactly one policy registered with AddScopePolicy, so the document can say what it needs.
            throw new InvalidOperationException(
                $"/{path}: register its authorization policy with AddScopePolicy (Api/ScopePolicies.cs) so the OpenAPI document can state its scopes.");
        }
        return scopes;
    }

    private static string Scopes(string[] scopes, string or) => string.Join($" {or} ", scopes.Select(s => $"`{s}`"));

    private static void Describe(OpenApiOperation operation, string sentence) =>
        operation.Description = string.IsNullOrEmpty(operation.Description) ? sentence : operation.Description + "\n\n" + sentence;

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Problem(document, status));

    private static OpenApiResponse Problem(OpenApiDocument document, int status) => new()
    {
        Description = status switch
        {
            400 => "请求无效：JSON 格式或字段类型错误（HUB-GEN-0002），或参数校验失败（HUB-GEN-0006，`errors` 逐字段给出错误码）。"
                + " / Malformed request (HUB-GEN-0002) or validation failed (HUB-GEN-0006; `errors` gives each field's code).",
            401 => "未提供访问令牌或令牌无效、已过期、已吊销（HUB-GEN-0007）。 / No access token, or it is invalid, expired or revoked (HUB-GEN-0007).",
            403 => "令牌缺少所需 scope，或客户端类型、层级无权执行（HUB-GEN-0008 或功能错误码）。"
                + " / The token lacks the scope, or the client's kind or level may not do this (HUB-GEN-0008 or a feature code).",
            404 => "资源不存在或不在调用方管辖范围内（HUB-GEN-0003，不透露是否存在）。"
                + " / Not found or outside the caller's jurisdiction (HUB-GEN-0003; existence is not revealed).",
            409 => "与当前状态冲突，未做任何更改；`code` 给出具体原因（见 specs/errors.md）。"
                + " / Conflicts with the current state; nothing changed; `code` says why (see specs/errors.md).",
            503 => "依赖的服务暂不可用，未做任何更改，可重试（如 HUB-PLT-0029）。 / A service it depends on is unavailable; nothing changed; retry (e.g. HUB-PLT-0029).",
            _ => $"{GeneralErrors.ForStatus(status).MessageZh} / {GeneralErrors.ForStatus(status).MessageEn}",
        },
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [HubProblems.ContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchemas.Problem, document) },
        },
    };
}
