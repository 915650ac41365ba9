using System.Text.Json.Nodes;
using Mastro.Core.Lineage.Validation;

namespace Mastro.Core.Tests.Lineage;

public sealed class OpenLineageValidatorTests
{
    private static IReadOnlyList<string> Problems(JsonNode json) => OpenLineageValidator.Problems(json.ToJsonString());

    private static JsonObject Fixture(string name) => JsonNode.Parse(LineageFixtures.Text(name))!.AsObject();

    [Fact]
    public void Every_fixture_is_either_known_valid_or_known_invalid()
    {
        Assert.Equal(
            LineageFixtures.All.Order(StringComparer.Ordinal),
            LineageFixtures.Valid.Concat(LineageFixtures.Invalid).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(LineageFixtures.FullEvent)]
    [InlineData(LineageFixtures.FluentdStart)]
    [InlineData(LineageFixtures.FluentdComplete)]
    public void Complete_events_are_valid(string fixture)
    {
        Assert.Empty(OpenLineageValidator.Problems(LineageFixtures.Text(fixture)));
    }

    [Theory]
    [InlineData(LineageFixtures.SparkCliTemplate, "$.eventTime: is required")]
    [InlineData(LineageFixtures.SparkCliTemplate, "$.run.runId: is required")]
    [InlineData(LineageFixtures.HiveCtasTemplate, "$.run: is required")]
    [InlineData(LineageFixtures.HadoopFsTemplate, "$.producer: is required")]
    [InlineData(LineageFixtures.HiveInsertTemplate, "$.schemaURL: is required")]
    [InlineData(LineageFixtures.HiveInsertTemplate, "$.run.runId: is required")]
    [InlineData(LineageFixtures.SparkSerde, "$.producer: is required")]
    [InlineData(LineageFixtures.SparkSerde, "$.run.facets.parent._producer: is required")]
    public void Partial_templates_are_invalid_and_the_problems_name_the_field(string fixture, string expected)
    {
        var problems = OpenLineageValidator.Problems(LineageFixtures.Text(fixture));

        Assert.Contains(expected, problems);
        Assert.InRange(problems.Count, 1, 11);
    }

    [Fact]
    public void Long_problem_lists_are_cut_with_a_count_of_the_rest()
    {
        var problems = OpenLineageValidator.Problems(LineageFixtures.Text(LineageFixtures.SparkCliTemplate));

        Assert.Equal(11, problems.Count);
        Assert.Matches(@"^… and \d+ more$", problems[^1]);
    }

    [Fact]
    public void Formats_and_enumerations_are_checked()
    {
        var json = Fixture(LineageFixtures.FluentdStart);
        json["eventTime"] = "yesterday";
        json["eventType"] = "DONE";
        json["run"]!["runId"] = "not-a-uuid";
        json["producer"] = "no uri";

        Assert.Equal(
            [
                "$.eventTime: must be a date-time (RFC 3339, e.g. 2024-01-31T12:00:00.000Z)",
                "$.eventType: must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER",
                "$.producer: must be an absolute URI",
                "$.run.runId: must be a UUID",
            ],
            Problems(json).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Known_facets_are_checked_against_their_own_schema_where_they_occur()
    {
        var json = Fixture(LineageFixtures.FluentdStart);
        json["outputs"]![0]!["facets"]!["schema"]!["fields"]![1]!.AsObject().Remove("name");
        json["job"]!["facets"] = new JsonObject { ["sql"] = Facet(new JsonObject { ["dialect"] = "spark" }) };
        json["inputs"]![0]!["facets"]!["symlinks"] = Facet(new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["name"] = "db.t" }) });

        Assert.Equal(
            [
                "$.inputs[0].facets.symlinks.identifiers[0].namespace: is required",
                "$.inputs[0].facets.symlinks.identifiers[0].type: is required",
                "$.job.facets.sql.query: is required",
                "$.outputs[0].facets.schema.fields[1].name: is required",
            ],
            Problems(json).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Formats_inside_facets_are_not_enforced_since_producers_deviate()
    {
        // As Spark sends it for local files (fixture spark-expected_pysparkHadoopFSEndEvent.json).
        var json = Fixture(LineageFixtures.FluentdStart);
        json["inputs"]![0]!["facets"]!["dataSource"] = Facet(new JsonObject { ["name"] = "file", ["uri"] = "file" });

        Assert.Empty(Problems(json));

        json["inputs"]![0]!["facets"]!["dataSource"]!["uri"] = 42;
        Assert.Equal(["$.inputs[0].facets.dataSource.uri: must be a string"], Problems(json));
    }

    [Fact]
    public void Unknown_and_deleted_facets_need_only_the_base_facet_fields()
    {
        var json = Fixture(LineageFixtures.FluentdStart);
        json["run"]!["facets"] = new JsonObject
        {
            ["spark.logicalPlan"] = Facet(new JsonObject { ["plan"] = new JsonArray(1, 2) }),
            ["my_company_cost"] = Facet(new JsonObject { ["euros"] = 12.5 }),
        };
        json["job"]!["facets"] = new JsonObject { ["sql"] = Facet(new JsonObject { ["_deleted"] = true }) };

        Assert.Empty(Problems(json));

        json["run"]!["facets"]!["my_company_cost"]!.AsObject().Remove("_producer");
        Assert.Equal(["$.run.facets.my_company_cost._producer: is required"], Problems(json));
    }

    [Fact]
    public void Dataset_and_job_events_are_validated_as_such()
    {
        JsonObject Base() => new() { ["eventTime"] = "2024-01-31T12:00:00Z", ["producer"] = "https://example.com/p", ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json" };
        var datasetEvent = Base();
        datasetEvent["dataset"] = new JsonObject { ["namespace"] = "s3://bucket", ["name"] = "key" };
        var jobEvent = Base();
        jobEvent["job"] = new JsonObject { ["namespace"] = "airflow", ["name"] = "dag.task" };
        var neither = Base();

        Assert.Empty(Problems(datasetEvent));
        Assert.Empty(Problems(jobEvent));
        Assert.Equal(["$.job: is required"], Problems(neither));
        datasetEvent["dataset"]!.AsObject().Remove("name");
        Assert.Equal(["$.dataset.name: is required"], Problems(datasetEvent));
    }

    [Theory]
    [InlineData("[]", "$: expected a JSON object (one OpenLineage event), got array")]
    [InlineData("\"START\"", "$: expected a JSON object (one OpenLineage event), got string")]
    public void Anything_but_an_object_is_not_an_event(string json, string expected)
    {
        Assert.Equal([expected], OpenLineageValidator.Problems(json));
    }

    private static JsonObject Facet(JsonObject fields)
    {
        fields["_producer"] = "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/spark";
        fields["_schemaURL"] = "https://openlineage.io/spec/facets/1-0-0/Facet.json";
        return fields;
    }
}
