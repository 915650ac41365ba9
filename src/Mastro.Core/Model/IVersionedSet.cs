namespace Mastro.Core.Model;

/// <summary>
/// What feature sets and metric sets share: every PUT inserts a new set; sets with the same name are
/// the versions produced by one process, listed newest first.
/// </summary>
public interface IVersionedSet
{
    string Name { get; }
    string Version { get; }
    string Description { get; }
    IReadOnlyDictionary<string, string> Labels { get; }
    DateTimeOffset InsertedAt { get; }
}
