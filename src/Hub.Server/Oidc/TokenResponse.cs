using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>
/// A successful token response as OpenIddict's ASP.NET Core host writes it for a client-credentials grant: status,
/// cache headers, content type, members in its order, its JSON writer settings (indented unless suppressed).
/// </summary>
internal static class TokenResponse
{
    public static async Task WriteAsync(HttpContext http, ReadOnlyMemory<byte> accessToken, TimeSpan remaining, bool indented)
    {
        var body = new ArrayBufferWriter<byte>(accessToken.Length + 128);
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = indented,
        }))
        {
            json.WriteStartObject();
            json.WriteString(Parameters.AccessToken, accessToken.Span);
            json.WriteString(Parameters.TokenType, TokenTypes.Bearer);
            if (remaining > TimeSpan.Zero)
            {
                json.WriteNumber(Parameters.ExpiresIn, (long)(remaining.TotalSeconds + 0.5));
            }
            // No "scope": the granted scopes are exactly the requested ones, and OpenIddict only echoes a difference.
            json.WriteEndObject();
        }

        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        response.ContentLength = body.WrittenCount;
        response.ContentType = "application/json;charset=UTF-8";
        // Without endpoint routing the request metrics would lose their route; keep it so dashboards see one endpoint.
        http.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("http.route", http.Request.Path.Value));
        await response.Body.WriteAsync(body.WrittenMemory, http.RequestAborted);
    }
}
