using System.Security.Claims;
using Mastro.Core.Security;

namespace Mastro.Server.Security;

/// <summary>Who sent a request: a token's name and id and its role, carried as claims on <see cref="HttpContext.User"/>.</summary>
internal sealed record Caller(string Name, string? TokenId, Role Role)
{
    public const string AuthenticationScheme = "MastroToken";
    public const string AnonymousName = "anonymous";

    private const string TokenIdClaim = "mastro:token-id";

    /// <summary>Everyone, when authentication is disabled: the server runs open, as the original did.</summary>
    public static readonly Caller Anonymous = new(AnonymousName, null, Role.Admin);

    public static readonly Caller BootstrapAdmin = new(AdminToken.ActorName, null, Role.Admin);

    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, Name), new(ClaimTypes.Role, Role.Name()) };
        if (TokenId is not null) claims.Add(new Claim(TokenIdClaim, TokenId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationScheme));
    }

    /// <summary>The caller of an authenticated request, or null.</summary>
    public static Caller? Of(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } && Roles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? new Caller(name, user.FindFirstValue(TokenIdClaim), role)
            : null;
}
