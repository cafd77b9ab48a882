namespace Hub.Server.Problems;

/// <summary>Errors any endpoint can return (HUB-GEN-*).</summary>
public static class GeneralErrors
{
    public static readonly ErrorDefinition Unexpected = new("HUB-GEN-0001", 500,
        "服务器内部错误，请稍后重试；如持续出现请联系运维并提供 traceId", "Unexpected server error; retry later, or report the traceId");
    public static readonly ErrorDefinition MalformedBody = new("HUB-GEN-0002", 400,
        "请求体不是合法的 JSON 或字段类型不符", "The request body is not valid JSON or a field has the wrong type");
    public static readonly ErrorDefinition NotFound = new("HUB-GEN-0003", 404,
        "请求的资源不存在或不在您的管辖范围内", "The resource does not exist or is outside your jurisdiction");
    public static readonly ErrorDefinition MethodNotAllowed = new("HUB-GEN-0004", 405,
        "该地址不支持此 HTTP 方法", "This HTTP method is not allowed here");
    public static readonly ErrorDefinition UnsupportedMediaType = new("HUB-GEN-0005", 415,
        "不支持的内容类型，请使用 application/json", "Unsupported media type; send application/json");
    public static readonly ErrorDefinition ValidationFailed = new("HUB-GEN-0006", 400,
        "请求参数校验失败，详见 errors", "Validation failed; see errors");
    public static readonly ErrorDefinition Unauthenticated = new("HUB-GEN-0007", 401,
        "未认证或令牌无效", "Not authenticated or the token is invalid");
    public static readonly ErrorDefinition Forbidden = new("HUB-GEN-0008", 403,
        "无权执行此操作", "Not permitted");
    public static readonly ErrorDefinition Conflict = new("HUB-GEN-0009", 409,
        "与当前状态冲突", "Conflicts with the current state");
    public static readonly ErrorDefinition PayloadTooLarge = new("HUB-GEN-0010", 413,
        "请求体过大", "Request body too large");
    public static readonly ErrorDefinition TooManyRequests = new("HUB-GEN-0011", 429,
        "请求过于频繁，请稍后重试", "Too many requests; retry later");
    public static readonly ErrorDefinition BadRequest = new("HUB-GEN-0012", 400,
        "请求无效", "Bad request");

    /// <summary>The general code for a status the framework produced without one of ours.</summary>
    public static ErrorDefinition ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        _ => Unexpected,
    };
}
