using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>
/// Turns applications into catalogue assets: one <c>pipeline</c> per application (depending on what it read) and
/// one <c>dataset</c>/<c>table</c> per thing read or written (depending on the applications that wrote it), merged
/// over every log of the run so an output of one job and the input of the next become one asset.
/// </summary>
public sealed class SparkAssets
{
    private readonly SortedDictionary<string, DatasetState> _datasets = new(StringComparer.Ordinal);

    public static Asset Pipeline(SparkApplication app)
    {
        var labels = new JsonObject
        {
            ["app-name"] = app.AppName,
            ["app-id"] = app.AppId,
            ["attempt-id"] = app.AttemptId,
            ["user"] = app.User,
            ["started-at"] = app.StartedAt is { } start ? Timestamps.Format(start) : null,
            ["ended-at"] = app.EndedAt is { } end ? Timestamps.Format(end) : null,
            ["duration-seconds"] = app is { StartedAt: { } s, EndedAt: { } e } ? Math.Round((e - s).TotalSeconds, 3) : null,
            ["spark-version"] = app.SparkVersion,
            ["spark-master"] = app.Master,
            ["status"] = app.Status,
            ["jobs"] = app.Jobs,
            ["failed-jobs"] = app.FailedJobs,
            ["sql-executions"] = app.SqlExecutions,
            ["writes"] = new JsonArray(app.Outputs.Select(o => (JsonNode?)o.Name).ToArray()),
            ["event-log"] = app.EventLog,
        };
        return new Asset
        {
            Name = app.AssetName,
            Type = AssetTypes.Pipeline,
            Description = $"Spark application {app.AppName}",
            DependsOn = app.Inputs.Select(i => i.Name).Where(n => n != app.AssetName).ToList(),
            Tags = ["spark"],
            Labels = JsonLabels.From(labels),
        };
    }

    /// <summary>Records what <paramref name="app"/> read and wrote.</summary>
    public void Add(SparkApplication app)
    {
        foreach (var input in app.Inputs) State(input);
        foreach (var output in app.Outputs) State(output).Writers.Add(app.AssetName);
    }

    /// <summary>The datasets and tables seen so far, each depending on the applications that wrote it.</summary>
    public IEnumerable<Asset> Datasets() => _datasets.Values.Select(d => d.ToAsset());

    private DatasetState State(DatasetReference reference)
    {
        if (!_datasets.TryGetValue(reference.Name, out var state))
            _datasets[reference.Name] = state = new DatasetState(reference);
        else
            state.Merge(reference);
        return state;
    }

    private sealed class DatasetState(DatasetReference first)
    {
        private DatasetReference _reference = first;
        public SortedSet<string> Writers { get; } = new(StringComparer.Ordinal);

        public void Merge(DatasetReference other) => _reference = _reference with
        {
            Format = _reference.Format ?? other.Format,
            Location = _reference.Location ?? other.Location,
            Schema = _reference.Schema ?? other.Schema,
        };

        public Asset ToAsset()
        {
            var labels = new JsonObject
            {
                ["format"] = _reference.Format,
                ["location"] = _reference.Location,
                ["schema"] = _reference.Schema is { } schema ? SchemaColumns.Label(schema) : null,
            };
            return new Asset
            {
                Name = _reference.Name,
                Type = _reference.AssetType,
                DependsOn = Writers.ToList(),
                Tags = ["spark"],
                Labels = JsonLabels.From(labels),
            };
        }
    }
}
