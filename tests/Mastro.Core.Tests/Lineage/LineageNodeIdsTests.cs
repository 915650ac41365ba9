using Mastro.Core.Lineage;

namespace Mastro.Core.Tests.Lineage;

public sealed class LineageNodeIdsTests
{
    [Fact]
    public void A_plain_name_is_its_own_only_candidate()
    {
        Assert.Equal(["sales.orders"], LineageNodeIds.Candidates("sales.orders"));
    }

    [Fact]
    public void Marquez_dataset_ids_try_every_split_since_namespaces_hold_colons()
    {
        var candidates = LineageNodeIds.Candidates("dataset:s3://bucket:warehouse/orders");

        Assert.Equal("dataset:s3://bucket:warehouse/orders", candidates[0]);
        Assert.Contains("s3://bucket/warehouse/orders", candidates);
        Assert.Contains("file:/tmp/x", LineageNodeIds.Candidates("dataset:file:/tmp/x"));
        Assert.Contains("sales.orders", LineageNodeIds.Candidates("dataset:hive://metastore:9083:sales.orders"));
    }

    [Fact]
    public void Marquez_job_ids_become_namespace_slash_name()
    {
        Assert.Equal(["job:airflow:dag.task", "airflow/dag.task"], LineageNodeIds.Candidates("job:airflow:dag.task"));
    }
}
