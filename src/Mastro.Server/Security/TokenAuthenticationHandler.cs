using System.Text.Encodings.Web;
using Mastro.Core.Config;
using Mastro.Core.Security;
using Mastro.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Mastro.Server.Security;

/// <summary>
/// Bearer-token authentication (<c>Authorization: Bearer mastro_…</c>). Its challenge and forbid answers are the
/// standard error body (401 / 403). With authentication disabled every request is <see cref="Caller.Anonymous"/>.
/// </summary>
/// <remarks>Failure messages never contain the presented token: the framework logs them.</remarks>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenVerifier verifier,
    ServerSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!settings.RequiresAuth)
            return Success(Caller.Anonymous);
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
            return AuthenticateResult.NoResult();
        var value = header.Count == 1 ? header[0] ?? "" : "";
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Length == BearerPrefix.Length)
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <token>'");
        var caller = await verifier.VerifyAsync(value[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        return caller is null ? AuthenticateResult.Fail("the token is not valid (unknown, malformed or revoked)") : Success(caller);
    }

    private AuthenticateResult Success(Caller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(), Scheme.Name));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var failure = result.Failure?.Message;
        var challenge = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ErrorResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure ?? "a token is required: send 'Authorization: Bearer <token>' (tokens are made with `mastro token create`)",
            new KeyValuePair<string, string>(HeaderNames.WWWAuthenticate, challenge));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Caller.Of(Context.User)?.Role.Name() ?? "none";
        var required = RouteAccess.RequiredRole(Context)?.Name();
        return ErrorResponses.WriteAsync(Context, StatusCodes.Status403Forbidden,
            $"a token with role '{role}' may not {Request.Method} {Request.Path}; this needs role '{required}'");
    }
}
