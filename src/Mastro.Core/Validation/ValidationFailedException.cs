namespace Mastro.Core.Validation;

/// <summary>Input that breaks a rule of the model. Every problem is listed, each naming the item and field.</summary>
public sealed class ValidationFailedException(IReadOnlyList<string> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
