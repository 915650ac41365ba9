namespace Mastro.Storage.Postgres;

internal static class SqlIdentifier
{
    /// <summary>Quotes a schema or table name so that it is used exactly as written (case and all).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
