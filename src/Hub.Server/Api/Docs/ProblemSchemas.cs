using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Hub.Server.Api.Docs;

/// <summary>
/// The RFC 9457 problem the hub returns for every error (<see cref="Problems.HubProblems"/>), as OpenAPI components
/// <c>Problem</c> and <c>FieldError</c>. Written by hand because the body is ProblemDetails plus extension members.
/// </summary>
internal static class ProblemSchemas
{
    public const string Problem = "Problem";
    public const string FieldError = "FieldError";
    public const string Messages = "Messages";

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var schemas = document.Components.Schemas;
        schemas[Messages] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "同一信息的中文与英文 / The message in Chinese and English",
            Required = new HashSet<string> { "zh-CN", "en" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["zh-CN"] = Text("中文 / Chinese"),
                ["en"] = Text("English"),
            },
        };
        schemas[FieldError] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "一个字段的错误 / One field's error",
            Required = new HashSet<string> { "field", "code", "messages" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["field"] = Text("出错字段的 JSON 路径（不含 `$.`），如 `document.number` / JSON path of the field without `$.`"),
                ["code"] = Code(),
                ["messages"] = new OpenApiSchemaReference(Messages, document),
            },
        };
        schemas[Problem] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details；错误码表见 specs/errors.md / RFC 9457 problem details; codes in specs/errors.md",
            Required = new HashSet<string> { "type", "title", "status", "code", "messages", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^urn:hub:problem:HUB-[A-Z]{2,4}-[0-9]{4}$", Description = "`urn:hub:problem:<code>`" },
                ["title"] = Text("中文 / English 摘要 / summary"),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "HTTP status" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "补充说明（可无）/ Further detail, if any" },
                ["code"] = Code(),
                ["messages"] = new OpenApiSchemaReference(Messages, document),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "校验失败时每个字段一项 / One item per offending field on validation failures",
                    Items = new OpenApiSchemaReference(FieldError, document),
                },
                ["traceId"] = Text("报告问题时请提供 / Quote it when reporting a problem"),
            },
            Examples = [JsonNode.Parse("""
                {"type":"urn:hub:problem:HUB-GEN-0006","title":"请求参数校验失败，详见 errors / Validation failed; see errors","status":400,
                 "code":"HUB-GEN-0006","messages":{"zh-CN":"请求参数校验失败，详见 errors","en":"Validation failed; see errors"},
                 "errors":[{"field":"limit","code":"HUB-GEN-0006","messages":{"zh-CN":"请求参数校验失败，详见 errors","en":"Validation failed; see errors"}}],
                 "traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
                """)!],
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Code() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = "^HUB-[A-Z]{2,4}-[0-9]{4}$",
        Description = "稳定错误码 / Stable error code (specs/errors.md)",
    };
}
