using Mastro.Core.Lineage.Naming;

namespace Mastro.Core.Tests.Lineage;

public sealed class DatasetNamesTests
{
    [Theory]
    // Paths: namespace + "/" + name, Hadoop's s3a/s3n spelled s3, no doubled or trailing slash.
    [InlineData("s3://bucket", "warehouse/orders", "s3://bucket/warehouse/orders", "dataset")]
    [InlineData("s3a://bucket", "/warehouse/orders", "s3://bucket/warehouse/orders", "dataset")]
    [InlineData("S3N://bucket/", "orders", "s3://bucket/orders", "dataset")]
    [InlineData("hdfs://namenode:8020", "/data/orders", "hdfs://namenode:8020/data/orders", "dataset")]
    [InlineData("gs://bucket", "orders", "gs://bucket/orders", "dataset")]
    [InlineData("abfss://container@account.dfs.core.windows.net", "orders", "abfss://container@account.dfs.core.windows.net/orders", "dataset")]
    // Local files as Spark's event logs write them (file:/abs/path); remote files keep their host.
    [InlineData("file", "/tmp/warehouse/test", "file:/tmp/warehouse/test", "dataset")]
    [InlineData("file://host", "/tmp/orders", "file://host/tmp/orders", "dataset")]
    // Hive and Glue tables: db.table, as the Hive crawler names them.
    [InlineData("hive://metastore:9083", "sales.orders", "sales.orders", "table")]
    [InlineData("arn:aws:glue:eu-west-1:123456789012", "table/sales/orders", "sales.orders", "table")]
    // Database tables keep their server; topics are streams; anything else is namespace/name.
    [InlineData("postgres://db.example.com:5432", "shop.public.orders", "postgres://db.example.com:5432/shop.public.orders", "table")]
    [InlineData("kafka://broker:9092", "orders-topic", "kafka://broker:9092/orders-topic", "stream")]
    [InlineData("my-datasource-namespace", "instance.schema.table", "my-datasource-namespace/instance.schema.table", "dataset")]
    [InlineData(" ns ", "", "ns", "dataset")]
    public void Datasets_are_named_by_the_openlineage_convention(string ns, string name, string assetName, string assetType)
    {
        Assert.Equal(new DatasetIdentity(assetName, assetType), DatasetNames.Identify(ns, name));
    }

    [Theory]
    // Spark gives a path dataset's catalog table with the warehouse as namespace: the table is db.table.
    [InlineData("file:/tmp/warehouse", "default.target", "TABLE", "default.target", "table")]
    [InlineData("", "hive3.table1", "TABLE", "hive3.table1", "table")]
    [InlineData("hive://metastore:9083", "sales.orders", "table", "sales.orders", "table")]
    // A table symlink on a database server, or of another type, follows the dataset rule.
    [InlineData("postgres://db:5432", "shop.public.orders", "TABLE", "postgres://db:5432/shop.public.orders", "table")]
    [InlineData("s3://bucket", "orders", "LOCATION", "s3://bucket/orders", "dataset")]
    public void Symlinks_name_catalog_tables_as_the_metastore_does(string ns, string name, string type, string assetName, string assetType)
    {
        Assert.Equal(new DatasetIdentity(assetName, assetType), DatasetNames.IdentifySymlink(ns, name, type));
    }

    [Theory]
    [InlineData("default", "my_app.execute_insert_into_hive_table.db_t", "default/my_app.execute_insert_into_hive_table.db_t")]
    [InlineData(" airflow ", "dag.task", "airflow/dag.task")]
    [InlineData("", "job", "job")]
    public void Jobs_are_namespace_slash_name(string ns, string name, string assetName)
    {
        Assert.Equal(assetName, JobNames.AssetName(ns, name));
    }
}
