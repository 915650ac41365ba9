using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Events;
using Mastro.Core.Lineage.Mapping;
using Mastro.Core.Model;
using Mastro.Core.Validation;

namespace Mastro.Core.Tests.Lineage;

public sealed class LineageMapperTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static LineagePlan Map(string fixture, CatalogueView? view = null) => Map(LineageFixtures.Parse(fixture), view);

    private static LineagePlan Map(OpenLineageEvent lineageEvent, CatalogueView? view = null) =>
        LineageMapper.Map(lineageEvent, view ?? CatalogueView.Empty, ReceivedAt);

    private static Asset Named(LineagePlan plan, string name) => Assert.Single(plan.Assets, a => a.Name == name);

    private static string Label(Asset asset, string key) => asset.Labels[key].GetRawText();

    private static CatalogueView Holding(IEnumerable<Asset> assets, params (string Alias, string Asset)[] aliases) => new(
        assets.ToDictionary(a => a.Name),
        aliases.ToDictionary(a => a.Alias, a => a.Asset));

    private static IReadOnlyDictionary<string, JsonElement> Labels(string json) =>
        JsonSerializer.Deserialize(json, MastroJsonContext.Default.IReadOnlyDictionaryStringJsonElement)!;

    [Fact]
    public void A_run_event_makes_a_pipeline_between_its_inputs_and_outputs()
    {
        var plan = Map(LineageFixtures.FluentdStart);

        Assert.Equal(["my-namespace/my-job", "my-namespace/my-input", "my-namespace/my-output"], plan.Assets.Select(a => a.Name));
        var job = Named(plan, "my-namespace/my-job");
        Assert.Equal(AssetTypes.Pipeline, job.Type);
        Assert.Equal(["my-namespace/my-input"], job.DependsOn);
        var output = Named(plan, "my-namespace/my-output");
        Assert.Equal(AssetTypes.Dataset, output.Type);
        Assert.Equal(["my-namespace/my-job"], output.DependsOn);
        Assert.Empty(Named(plan, "my-namespace/my-input").DependsOn);
        Assert.All(plan.Assets, a => Assert.Equal(["openlineage"], a.Tags));
        Assert.Equal(
            """[{"name":"a","type":"INTEGER","comment":""},{"name":"b","type":"TIMESTAMP","comment":""},{"name":"c","type":"INTEGER","comment":""},{"name":"d","type":"INTEGER","comment":""}]""",
            Label(output, "schema"));
        Assert.Empty(plan.Aliases);
        Assert.Equal(new Mastro.Core.Lineage.Runs.RunObservation(
            "d46e465b-d358-4d32-83d4-df660ff614dd", "my-namespace/my-job", "START",
            DateTimeOffset.Parse("2019-05-09T19:49:24.201361Z"), null, ReceivedAt), plan.Run);
    }

    [Fact]
    public void A_dataset_both_read_and_written_depends_on_its_job_and_the_job_on_it()
    {
        var plan = Map(LineageFixtures.FullEvent);

        var job = Named(plan, "my-scheduler-namespace/myjob.mytask");
        var dataset = Named(plan, "my-datasource-namespace/instance.schema.table");
        Assert.Equal(2, plan.Assets.Count);
        Assert.Equal([dataset.Name], job.DependsOn);
        Assert.Equal([job.Name], dataset.DependsOn);
        Assert.Equal(("string", "\"string\""), (job.Description, Label(job, "documentation")));
        Assert.Equal("""[{"name":"column1","type":"VARCHAR","comment":"string"}]""", Label(dataset, "schema"));
        // The parent facet names the job itself, which is no parent.
        Assert.False(job.Labels.ContainsKey("parent-job"));
        Assert.Equal("COMPLETE", plan.Run!.State);
    }

    [Fact]
    public void Job_facets_become_labels_and_run_facets_the_run()
    {
        var plan = Map(LineageFixtures.SparkSerde);

        var job = Named(plan, "namespace/jobName");
        Assert.Equal("\"SELECT * FROM test\"", Label(job, "sql"));
        Assert.Equal("\"spark\"", Label(job, "sql-dialect"));
        Assert.Equal("\"https://github.com/apache/spark\"", Label(job, "source-code-url"));
        Assert.Equal("test documentation", job.Description);
        Assert.Equal(("START", "failed"), (plan.Run!.State, plan.Run.ErrorMessage));
        Assert.Equal(["ins/input"], job.DependsOn);
        Assert.Equal(["namespace/jobName"], Named(plan, "ons/output").DependsOn);
    }

    [Fact]
    public void Job_type_and_parent_job_become_labels()
    {
        var job = Named(Map(LineageFixtures.SparkCliTemplate), "default/cli_test_application.execute_create_hive_table_as_select_command.default_t2");

        Assert.Equal(("\"SQL_JOB\"", "\"BATCH\"", "\"SPARK\""), (Label(job, "job-type"), Label(job, "processing-type"), Label(job, "integration")));
        Assert.Equal("\"default/cli_test_application\"", Label(job, "parent-job"));
    }

    [Fact]
    public void A_path_with_a_table_symlink_is_one_asset_named_like_the_metastore_table_with_the_path_as_alias()
    {
        var plan = Map(LineageFixtures.HadoopFsTemplate);

        var target = Named(plan, "default.target");
        Assert.Equal(AssetTypes.Table, target.Type);
        Assert.Equal(("\"file\"", "\"file\""), (Label(target, "data-source"), Label(target, "data-source-uri")));
        Assert.Equal([new AssetAlias("file:/tmp/warehouse/target", "default.target")], plan.Aliases);
        Assert.Equal(AssetTypes.Dataset, Named(plan, "file:/tmp/warehouse/test").Type);
        Assert.DoesNotContain(plan.Assets, a => a.Name == "file:/tmp/warehouse/target");
    }

    [Fact]
    public void Column_lineage_is_given_per_output_column_with_inputs_as_asset_names()
    {
        var plan = Map(LineageFixtures.HiveCtasTemplate);

        var lineage = Assert.Single(plan.ColumnLineage);
        Assert.Equal("hive3.table2", lineage.Dataset);
        var column = Assert.Single(lineage.Columns);
        Assert.Equal("city", column.Name);
        var input = Assert.Single(column.Inputs);
        // The input path is symlinked to hive3.table1 in the same event, so it is that asset.
        Assert.Equal(("hive3.table1", "file", "/tmp/hive-metastore/hive3.db/table1", "city"), (input.Dataset, input.Namespace, input.Name, input.Field));
        Assert.Equal(JsonValueKind.Array, input.Transformations.ValueKind);
        Assert.Equal(["hive3.table1"], Named(plan, "default/hive_metastore_integration_test.execute_create_hive_table_as_select_command.hive3_table2").DependsOn);
    }

    [Fact]
    public void Existing_assets_are_enriched_and_keep_everything_else()
    {
        var crawled = new Asset
        {
            Name = "default.target",
            Type = AssetTypes.Table,
            Description = "crawled from the metastore",
            DependsOn = ["default"],
            Tags = ["hive"],
            Labels = Labels("""{"owner": "data-team", "schema": [{"name": "key", "type": "int", "comment": "the key"}]}"""),
            Versions = Labels("""{"1616507563": {"path": "s3://bucket/v1"}}"""),
        };

        var target = Named(Map(LineageFixtures.HadoopFsTemplate, Holding([crawled])), "default.target");

        Assert.Equal((AssetTypes.Table, "crawled from the metastore"), (target.Type, target.Description));
        Assert.Equal(["hive", "openlineage"], target.Tags);
        Assert.Equal(["default", "testPysparkSQLHadoopFSTest/open_lineage_integration_hadoop_fs_relation.execute_insert_into_hadoop_fs_relation_command.warehouse_target"], target.DependsOn);
        Assert.Equal("\"data-team\"", Label(target, "owner"));
        Assert.Equal("""[{"name":"key","type":"integer","comment":"the key"},{"name":"value","type":"string","comment":""}]""", Label(target, "schema"));
        Assert.Same(crawled.Versions, target.Versions);
    }

    [Fact]
    public void A_dataset_already_catalogued_under_its_path_keeps_that_name_and_the_table_becomes_the_alias()
    {
        var crawled = new Asset { Name = "file:/tmp/warehouse/target", Type = AssetTypes.Dataset, Tags = ["spark"] };

        var plan = Map(LineageFixtures.HadoopFsTemplate, Holding([crawled]));

        Assert.Equal(["spark", "openlineage"], Named(plan, "file:/tmp/warehouse/target").Tags);
        Assert.Equal([new AssetAlias("default.target", "file:/tmp/warehouse/target")], plan.Aliases);
    }

    [Fact]
    public void Known_aliases_resolve_to_their_asset()
    {
        var table = new Asset { Name = "warehouse.test", Type = AssetTypes.Table };

        var plan = Map(LineageFixtures.HadoopFsTemplate, Holding([table], ("file:/tmp/warehouse/test", "warehouse.test")));

        Assert.Contains(plan.Assets, a => a.Name == "warehouse.test");
        Assert.DoesNotContain(plan.Assets, a => a.Name == "file:/tmp/warehouse/test");
        Assert.Contains("warehouse.test", plan.Assets.Single(a => a.Type == AssetTypes.Pipeline).DependsOn);
    }

    [Fact]
    public void Mentions_of_one_dataset_under_different_names_in_one_event_are_one_asset()
    {
        var json = JsonNode.Parse(LineageFixtures.Text(LineageFixtures.HadoopFsTemplate))!;
        json["inputs"]![0]!["name"] = "/tmp/warehouse/target";

        var plan = Map(JsonSerializer.Deserialize(json.ToJsonString(), LineageJsonContext.Default.OpenLineageEvent)!);

        Assert.Equal(2, plan.Assets.Count);
        var job = plan.Assets.Single(a => a.Type == AssetTypes.Pipeline);
        Assert.Equal(["default.target"], job.DependsOn);
        Assert.Equal([job.Name], Named(plan, "default.target").DependsOn);
    }

    [Fact]
    public void A_deleted_facet_removes_its_labels()
    {
        var existing = new Asset
        {
            Name = "file:/tmp/warehouse/test", Type = AssetTypes.Dataset,
            Labels = Labels("""{"data-source": "old", "data-source-uri": "old://", "owner": "kept"}"""),
        };
        var json = JsonNode.Parse(LineageFixtures.Text(LineageFixtures.HadoopFsTemplate))!;
        json["inputs"]![0]!["facets"]!["dataSource"] = new JsonObject { ["_deleted"] = true };

        var input = Named(Map(JsonSerializer.Deserialize(json.ToJsonString(), LineageJsonContext.Default.OpenLineageEvent)!, Holding([existing])),
            "file:/tmp/warehouse/test");

        Assert.Equal(["owner", "schema"], input.Labels.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Names_the_catalogue_cannot_hold_are_rejected_with_their_path()
    {
        var json = JsonNode.Parse(LineageFixtures.Text(LineageFixtures.FluentdStart))!;
        json["outputs"]![0]!["name"] = new string('x', 600);
        json["job"]!["namespace"] = "";
        json["job"]!["name"] = "";

        var error = Assert.Throws<ValidationFailedException>(() =>
            Map(JsonSerializer.Deserialize(json.ToJsonString(), LineageJsonContext.Default.OpenLineageEvent)!));

        Assert.Equal(
            ["$.job: job name is empty (namespace and name are both blank)", "$.outputs[0]: dataset name is longer than 512 characters (613)"],
            error.Problems);
    }

    [Fact]
    public void The_names_to_look_up_cover_jobs_datasets_symlinks_and_column_inputs()
    {
        var names = LineageMapper.NamesToLookUp(LineageFixtures.Parse(LineageFixtures.HiveCtasTemplate));

        Assert.Equal(
            [
                "default/hive_metastore_integration_test.execute_create_hive_table_as_select_command.hive3_table2",
                "file:/tmp/hive-metastore/hive3.db/table1", "file:/tmp/hive-metastore/hive3.db/table2", "hive3.table1", "hive3.table2",
            ],
            names.Order(StringComparer.Ordinal));
    }
}
