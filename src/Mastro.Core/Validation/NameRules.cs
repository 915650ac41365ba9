namespace Mastro.Core.Validation;

/// <summary>Rules every name (asset, feature set, metric set) follows.</summary>
public static class NameRules
{
    public const int MaxLength = 512;

    /// <summary>Returns the problem with a non-blank name, or null if it is acceptable.</summary>
    public static string? Problem(string name, string what)
    {
        if (name.Length > MaxLength)
            return $"{what} is longer than {MaxLength} characters ({name.Length})";
        if (name.Any(char.IsControl))
            return $"{what} contains control characters";
        return null;
    }
}
