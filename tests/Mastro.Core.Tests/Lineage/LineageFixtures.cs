using System.Text.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Events;
using Mastro.Testing;

namespace Mastro.Core.Tests.Lineage;

/// <summary>The OpenLineage events in ../shared/fixtures/openlineage/events (see SOURCES.md there).</summary>
internal static class LineageFixtures
{
    /// <summary>Complete events, valid against the spec.</summary>
    public const string FullEvent = "client-python_example_full_event.json";
    public const string FluentdStart = "proxy-fluentd_test-start.json";
    public const string FluentdComplete = "proxy-fluentd_test-complete.json";

    /// <summary>Partial-match templates from the Spark integration tests: real facet shapes, but no eventTime/producer/runId.</summary>
    public const string SparkCliTemplate = "spark-cli_expected_event_complete.json";
    public const string HiveCtasTemplate = "spark-expected_hiveCreateHiveTableAsSelectCommandStartEvent.json";
    public const string HadoopFsTemplate = "spark-expected_pysparkHadoopFSEndEvent.json";
    public const string HiveInsertTemplate = "spark-expected_pysparkHiveCompleteEvent.json";

    /// <summary>A Spark serialisation test event without producer, schemaURL and facet producers.</summary>
    public const string SparkSerde = "spark-serde_openlineage-event.json";

    public static readonly string[] Valid = [FullEvent, FluentdStart, FluentdComplete];
    public static readonly string[] Invalid = [SparkCliTemplate, HiveCtasTemplate, HadoopFsTemplate, HiveInsertTemplate, SparkSerde];

    public static IEnumerable<string> All => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName)!;

    public static string Folder => RepositoryPaths.Fixture("openlineage", "events");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>The event as the mapper sees it (templates parse too: what they lack reads as defaults).</summary>
    public static OpenLineageEvent Parse(string name) =>
        JsonSerializer.Deserialize(Text(name), LineageJsonContext.Default.OpenLineageEvent)!;
}
