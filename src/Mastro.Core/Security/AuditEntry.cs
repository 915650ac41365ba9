using System.Text.Json.Serialization;

namespace Mastro.Core.Security;

/// <summary>
/// One audited request: a write, or a request refused for want of a valid token (401) or of a strong enough
/// role (403). It names who and what, never secrets or request bodies.
/// </summary>
/// <param name="Actor">The token's name, <see cref="AdminToken.ActorName"/>, or <c>anonymous</c>.</param>
/// <param name="TokenId">The public id of the token used, if any.</param>
/// <param name="Role">The caller's role, if authenticated.</param>
/// <param name="Route">The route pattern (e.g. <c>/asset/name/{**name}</c>), or the path when no route matched.</param>
/// <param name="Targets">Names of what the request wrote or deleted (asset names, set name and version, ids).</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Client">The client's IP address.</param>
public sealed record AuditEntry(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("token-id")] string? TokenId,
    [property: JsonPropertyName("role")] Role? Role,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("targets")] IReadOnlyList<string> Targets,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("client")] string Client)
{
    /// <summary>A short word for the status: <c>ok</c>, <c>unauthenticated</c>, <c>forbidden</c>, <c>rejected</c> or <c>failed</c>.</summary>
    [JsonPropertyName("outcome")]
    public string Outcome => Status switch
    {
        < 400 => "ok",
        401 => "unauthenticated",
        403 => "forbidden",
        < 500 => "rejected",
        _ => "failed",
    };
}

/// <summary>Which audit entries to read: all, or one actor's, or those since a time. Newest first.</summary>
public sealed record AuditQuery(string? Actor = null, DateTimeOffset? Since = null)
{
    public static readonly AuditQuery All = new();
}
