namespace Mastro.Bench.Support;

/// <summary>
/// The <c>mastro</c> executable the scenarios start: by default the framework-dependent build of src/Mastro that
/// the bench's own build copies next to it (<c>dotnet mastro.dll</c>), or a published executable.
/// </summary>
public sealed record MastroBinary(string FileName, IReadOnlyList<string> Prefix, string Description)
{
    public static MastroBinary BuiltAlongside() =>
        new("dotnet", [Path.Combine(AppContext.BaseDirectory, "mastro.dll")], "framework-dependent build (dotnet mastro.dll)");

    public static MastroBinary Published(string executable) =>
        new(Path.GetFullPath(executable), [], $"published executable {Path.GetFullPath(executable)}");

    public ChildProcess Start(IEnumerable<string> arguments, string logPath) =>
        ChildProcess.Start(FileName, [.. Prefix, .. arguments], logPath);
}
