using Mastro.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Mastro.Server.Security;

/// <summary>The role a route needs, when its verb would say otherwise (a POST that only reads, a GET only admins may make).</summary>
internal sealed record RequiredRoleMetadata(Role Role);

/// <summary>
/// Which role a request needs: the route's <see cref="RequiredRoleMetadata"/>, else by verb — reads need
/// <see cref="Role.View"/>, DELETE needs <see cref="Role.Admin"/>, every other write <see cref="Role.Edit"/>. So a new
/// route is never open by accident: without metadata a POST is a write. A request that matches no route needs
/// nothing: it gets its 404 or 405, as anyone reading the API documentation would expect.
/// </summary>
internal static class RouteAccess
{
    /// <summary>The role the request needs; null when it matched no route (404) or not its verb (405).</summary>
    public static Role? RequiredRole(HttpContext context) => RequiredRole(context.GetEndpoint(), context.Request.Method);

    public static Role? RequiredRole(Endpoint? endpoint, string method) =>
        endpoint is not RouteEndpoint ? null
        : endpoint.Metadata.GetMetadata<RequiredRoleMetadata>()?.Role ?? ByVerb(method);

    /// <summary>Writes are what the audit log records: a routed request that needs more than viewing and is not a read verb.</summary>
    public static bool IsWrite(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint && !IsReadVerb(context.Request.Method) && RequiredRole(context) >= Role.Edit;

    public static bool IsOpen(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static Role ByVerb(string method) =>
        IsReadVerb(method) ? Role.View : HttpMethods.IsDelete(method) ? Role.Admin : Role.Edit;

    private static bool IsReadVerb(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

internal static class RouteAccessExtensions
{
    /// <summary>Declares the role this route needs (see <see cref="RouteAccess"/> for the default by verb).</summary>
    public static TBuilder RequiresRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRoleMetadata(role));
}
