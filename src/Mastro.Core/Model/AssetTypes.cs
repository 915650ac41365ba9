namespace Mastro.Core.Model;

/// <summary>The asset types the original Mastro accepts (exact, case-sensitive).</summary>
public static class AssetTypes
{
    public const string Database = "database";
    public const string Dataset = "dataset";
    public const string FeatureSet = "featureset";
    public const string Embedding = "embedding";
    public const string Model = "model";
    public const string Notebook = "notebook";
    public const string Pipeline = "pipeline";
    public const string Report = "report";
    public const string Service = "service";
    public const string Stream = "stream";
    public const string Table = "table";
    public const string User = "user";
    public const string Workflow = "workflow";

    public static readonly IReadOnlyList<string> All =
    [
        Database, Dataset, FeatureSet, Embedding, Model, Notebook, Pipeline,
        Report, Service, Stream, Table, User, Workflow,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string type) => Known.Contains(type);
}
