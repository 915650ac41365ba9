using Mastro.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Mastro.Server.Security;

/// <summary>
/// The one authorization rule: the caller's role includes the role the route needs (<see cref="RouteAccess"/>).
/// It is the fallback policy, so it applies to every route that is not explicitly open (probes, the web UI).
/// </summary>
internal sealed class RoleRequirement : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public static readonly AuthorizationPolicy Policy = new AuthorizationPolicyBuilder().AddRequirements(new RoleRequirement()).Build();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        // With endpoint routing the resource is the request's HttpContext.
        if (context.Resource is HttpContext http
            && (RouteAccess.RequiredRole(http) is not { } required || Caller.Of(context.User)?.Role.Includes(required) == true))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
