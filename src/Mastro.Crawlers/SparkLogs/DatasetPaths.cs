namespace Mastro.Crawlers.SparkLogs;

/// <summary>Dataset names for paths: <c>s3a://</c> and <c>s3n://</c> become <c>s3://</c> (as OpenLineage names them), no trailing slash.</summary>
public static class DatasetPaths
{
    public static string Normalise(string path)
    {
        path = path.Trim();
        foreach (var scheme in (string[])["s3a://", "s3n://"])
            if (path.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
                path = "s3://" + path[scheme.Length..];
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
