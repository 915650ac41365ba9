using System.Text.Json.Serialization;

namespace Mastro.Core.Security;

/// <summary>
/// What a token may do. Each role includes the ones below it: <see cref="View"/> reads everything,
/// <see cref="Edit"/> also writes assets, feature sets, metric sets and lineage, <see cref="Admin"/> also
/// deletes, manages tokens and reads the audit log.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    [JsonStringEnumMemberName("view")] View = 1,
    [JsonStringEnumMemberName("edit")] Edit = 2,
    [JsonStringEnumMemberName("admin")] Admin = 3,
}

public static class Roles
{
    public static readonly IReadOnlyList<Role> All = [Role.View, Role.Edit, Role.Admin];

    /// <summary>The lower-case name used in config, on the command line, in the store and in the audit log.</summary>
    public static string Name(this Role role) => role switch
    {
        Role.View => "view",
        Role.Edit => "edit",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static Role Parse(string text) =>
        TryParse(text, out var role)
            ? role
            : throw new FormatException($"unknown role '{text}' (expected one of: {string.Join(", ", All.Select(Name))})");

    /// <summary>True when <paramref name="role"/> includes everything <paramref name="required"/> may do.</summary>
    public static bool Includes(this Role role, Role required) => role >= required;
}
