namespace Mastro.Testing;

/// <summary>Where the repository and the shared fixtures (<c>../shared/fixtures</c>) are, from any test's bin folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedFixtures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures"));

    public static string Fixture(params string[] parts) => Path.Combine([SharedFixtures, .. parts]);

    private static string FindRoot()
    {
        var recorded = typeof(RepositoryPaths).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Mastro.slnx")))
            return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mastro.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"Mastro.slnx not found above {AppContext.BaseDirectory}");
    }
}
