namespace Mastro.Core.Lineage.Naming;

/// <summary>
/// Asset names for OpenLineage jobs: <c>namespace/name</c> (e.g. <c>default/my_app.execute_insert_into_hive_table.db_t</c>,
/// <c>airflow/my_dag.my_task</c>). Job namespaces are plain words by convention, so the slash keeps them apart from
/// the dotted job names Spark and Airflow produce.
/// </summary>
public static class JobNames
{
    public static string AssetName(string ns, string name)
    {
        var trimmed = ns.Trim();
        return trimmed.Length == 0 ? name : $"{trimmed}/{name}";
    }
}
