using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>
/// Serves the platforms' most frequent call, a well-formed client-credentials token request, without OpenIddict's
/// generic request pipeline (dozens of handlers, claims principals, JsonWebTokenHandler), which is most of the
/// endpoint's cost. It decides with the same sources of truth (the application manager and its cached store, the
/// keyed secret check, the server's scopes, signing credentials, issuer and lifetimes) and writes the same token
/// and response. It never answers an error: anything it does not recognise or would refuse, and any failure
/// before it writes, goes on unchanged to OpenIddict, so every error response stays OpenIddict's own.
/// Runs before the rest of the application (<see cref="StartupFilter"/>); OidcOptions.ClientCredentialsFastPath turns it off.
/// </summary>
internal sealed partial class ClientCredentialsFastPath(
    RequestDelegate next,
    IOptionsMonitor<OpenIddictServerOptions> server,
    IOptionsMonitor<OpenIddictServerAspNetCoreOptions> aspNetCore,
    ILogger<ClientCredentialsFastPath> logger)
{
    /// <summary>The issuer inferred from the last request's scheme and host (when none is configured): they rarely vary.</summary>
    private Tuple<string, string, string>? _inferredIssuer;

    public async Task InvokeAsync(HttpContext http)
    {
        var options = server.CurrentValue;
        if (!IsCandidate(http.Request, options) || !await TryIssueAsync(http, options))
        {
            await next(http);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client-credentials fast path failed; the OpenIddict pipeline handles the request.")]
    private static partial void LogFallback(ILogger logger, Exception exception);

    /// <summary>Cheap checks on the request line and headers, so other requests pass with no further cost.</summary>
    private static bool IsCandidate(HttpRequest request, OpenIddictServerOptions options) =>
        HttpMethods.IsPost(request.Method) && !request.PathBase.HasValue && !request.QueryString.HasValue
        && request.Host.HasValue && IsTokenEndpoint(request.Path.Value, options)
        && request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        && request.HasFormContentType;

    private static bool IsTokenEndpoint(string? path, OpenIddictServerOptions options)
    {
        foreach (var uri in options.TokenEndpointUris)
        {
            var relative = uri.IsAbsoluteUri ? null : uri.OriginalString;
            if (path is ['/', .. var rest] && relative is not null && rest == relative)
            {
                return true;
            }
        }
        return false;
    }

    private async Task<bool> TryIssueAsync(HttpContext http, OpenIddictServerOptions options)
    {
        try
        {
            return await IssueAsync(http, options);
        }
        catch (Exception exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // E.g. the database is unreachable on a cache miss: OpenIddict meets the same failure and reports it its way.
            LogFallback(logger, exception);
            return false;
        }
    }

    private async Task<bool> IssueAsync(HttpContext http, OpenIddictServerOptions options)
    {
        var request = http.Request;
        var cancellation = http.RequestAborted;
        // Settings under which the pipeline would do something other than sign a plain JWT access token.
        if (options.EnableDegradedMode || options.UseReferenceAccessTokens || !options.DisableAccessTokenEncryption
            || !options.GrantTypes.Contains(GrantTypes.ClientCredentials)
            || (!aspNetCore.CurrentValue.DisableTransportSecurityRequirement && !request.IsHttps)
            || options.SigningCredentials.FirstOrDefault() is not { } credentials || !AccessTokenJwt.CanSign(credentials)
            || Issuer(request, options) is not { } issuer)
        {
            return false;
        }
        // A client certificate means mTLS authentication or certificate-bound tokens: the pipeline's business.
        if (request.IsHttps && await http.Connection.GetClientCertificateAsync(cancellation) is not null)
        {
            return false;
        }
        // The form is cached on the request, so the pipeline reads the same values if we step aside.
        var form = await request.ReadFormAsync(cancellation);
        if (!ClientCredentialsRequest.TryRead(request, form, options, out var token))
        {
            return false;
        }

        // What OpenIddict checks for this grant, in the same order, with the same manager.
        var applications = http.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(token.ClientId, cancellation) is not { } application
            || !await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellation)
            || !await applications.ValidateClientSecretAsync(application, token.ClientSecret, cancellation)
            || !await applications.HasPermissionAsync(application, Permissions.Endpoints.Token, cancellation)
            || !await applications.HasPermissionAsync(application, Permissions.GrantTypes.ClientCredentials, cancellation))
        {
            return false;
        }
        foreach (var scope in token.Scopes)
        {
            if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellation))
            {
                return false;
            }
        }
        // A per-client access-token lifetime overrides the server's, as in OpenIddict's PrepareAccessTokenPrincipal.
        var settings = await applications.GetSettingsAsync(application, cancellation);
        var lifetime = settings.TryGetValue(Settings.TokenLifetimes.AccessToken, out var setting)
            && TimeSpan.TryParse(setting, CultureInfo.InvariantCulture, out var custom) ? custom : options.AccessTokenLifetime;
        var client = await http.RequestServices.GetRequiredService<ClientRegistry>().DescribeAsync(application, token.ClientId, cancellation);
        var subject = TokenEndpoint.ClientCredentialsClaims(client);
        if (lifetime is not { } accessTokenLifetime || !subject.All(c => c.Value is null || AccessTokenJwt.IsPlain(c.Value)))
        {
            return false;
        }

        // OpenIddict keeps token dates to the second: iat is now truncated, exp is iat + lifetime truncated.
        var issuedAt = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(issuedAt).Add(accessTokenLifetime).ToUnixTimeSeconds();
        var jwt = new ArrayBufferWriter<byte>(1024);
        AccessTokenJwt.Write(credentials, new AccessTokenContent(issuer, issuedAt, expiresAt, token.Scope, subject, token.ClientId), jwt);
        await TokenResponse.WriteAsync(http, jwt.WrittenMemory, DateTimeOffset.FromUnixTimeSeconds(expiresAt) - options.TimeProvider.GetUtcNow(),
            indented: !aspNetCore.CurrentValue.SuppressJsonResponseIndentation);
        return true;
    }

    /// <summary>The configured issuer, or the one OpenIddict infers from the request (scheme://host/).</summary>
    private string? Issuer(HttpRequest request, OpenIddictServerOptions options)
    {
        if (options.Issuer is { } configured)
        {
            return AccessTokenJwt.IsPlain(configured.AbsoluteUri) ? configured.AbsoluteUri : null;
        }
        var host = request.Host.Value!;
        if (_inferredIssuer is { } cached && cached.Item1 == request.Scheme && cached.Item2 == host)
        {
            return cached.Item3;
        }
        if (!Uri.TryCreate(UriHelper.BuildAbsolute(request.Scheme, request.Host), UriKind.Absolute, out var uri)
            || !AccessTokenJwt.IsPlain(uri.AbsoluteUri))
        {
            return null;
        }
        _inferredIssuer = Tuple.Create(request.Scheme, host, uri.AbsoluteUri);
        return uri.AbsoluteUri;
    }

    /// <summary>Puts the fast path in front of everything the application itself configures.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<ClientCredentialsFastPath>();
            next(app);
        };
    }
}
