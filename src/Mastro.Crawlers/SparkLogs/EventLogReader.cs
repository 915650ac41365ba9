using System.Text;
using System.Text.Json;
using Mastro.Crawlers.Files;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>A log that cannot be read (unsupported codec, corrupt data, not an event log): skipped with this reason.</summary>
public sealed class EventLogException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Streams an event log line by line (decompressing zstd on the fly) and keeps only what the catalogue needs, so
/// logs of any size are read in constant memory apart from the per-SQL-execution dataset lists.
/// </summary>
public static class EventLogReader
{
    private const string SqlEvents = "org.apache.spark.sql.execution.ui.";

    private static readonly HashSet<string> Interesting =
    [
        "SparkListenerLogStart", "SparkListenerEnvironmentUpdate", "SparkListenerApplicationStart", "SparkListenerApplicationEnd",
        "SparkListenerJobEnd", SqlEvents + "SparkListenerSQLExecutionStart", SqlEvents + "SparkListenerSQLAdaptiveExecutionUpdate",
    ];

    public static async Task<SparkApplication> ReadAsync(IFileTree tree, EventLogFile log, CancellationToken cancellationToken)
    {
        if (log.Codec is not (null or "zstd"))
            throw new EventLogException(
                $"codec {log.Codec} is not supported (Spark's {log.Codec} stream format has no reader here); set spark.eventLog.compression.codec=zstd");
        var state = new ApplicationEvents();
        foreach (var part in log.Parts)
        {
            try
            {
                await using var stream = await tree.OpenReadAsync(part, cancellationToken);
                await using var content = log.Codec == "zstd" ? new ZstdDecompressionStream(stream, allowTruncated: log.InProgress) : stream;
                using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    state.Add(line);
            }
            catch (InvalidDataException e)
            {
                throw new EventLogException($"{part.Path}: {e.Message}", e);
            }
        }
        return state.Build(log);
    }

    /// <summary>What has been seen so far in one log.</summary>
    private sealed class ApplicationEvents
    {
        private const int MaxLeadingMalformedLines = 5;

        private readonly Dictionary<long, (List<DatasetReference> Inputs, List<DatasetReference> Outputs)> _executions = [];
        private string? _appId, _attemptId, _appName, _user, _sparkVersion, _master, _propertyAppId, _propertyAppName;
        private DateTimeOffset? _start, _end;
        private int? _exitCode;
        private int _jobs, _failedJobs, _events, _malformed;

        public void Add(string line)
        {
            if (EventName(line) is { } name && !Interesting.Contains(name)) { _events++; return; }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                // A log still being written (or cut off) ends in a partial line; spark-rapids-tools sees the same.
                // A file that starts with several non-JSON lines is not an event log: stop before reading all of it.
                if (++_malformed >= MaxLeadingMalformedLines && _events == 0)
                    throw new EventLogException("not a Spark event log (its first lines are not JSON events)");
                return;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Event", out var eventName)) { _malformed++; return; }
                _events++;
                Apply(eventName.GetString() ?? "", root);
            }
        }

        private void Apply(string name, JsonElement e)
        {
            switch (name)
            {
                case "SparkListenerLogStart":
                    _sparkVersion = Text(e, "Spark Version");
                    break;
                case "SparkListenerEnvironmentUpdate" when e.TryGetProperty("Spark Properties", out var properties) && properties.ValueKind == JsonValueKind.Object:
                    _master = Text(properties, "spark.master");
                    _propertyAppId = Text(properties, "spark.app.id");
                    _propertyAppName = Text(properties, "spark.app.name");
                    break;
                case "SparkListenerApplicationStart":
                    _appId = Text(e, "App ID");
                    _appName = Text(e, "App Name");
                    _attemptId = Text(e, "App Attempt ID");
                    _user = Text(e, "User");
                    _start = Time(e, "Timestamp");
                    break;
                case "SparkListenerApplicationEnd":
                    _end = Time(e, "Timestamp");
                    _exitCode = e.TryGetProperty("ExitCode", out var exit) && exit.TryGetInt32(out var code) ? code : null;
                    break;
                case "SparkListenerJobEnd":
                    _jobs++;
                    if (e.TryGetProperty("Job Result", out var result) && Text(result, "Result") is { } outcome && outcome != "JobSucceeded")
                        _failedJobs++;
                    break;
                default: // SQL execution start or adaptive re-plan: the last plan of an execution is the one that ran.
                    if (e.TryGetProperty("executionId", out var id) && id.TryGetInt64(out var executionId)
                        && e.TryGetProperty("sparkPlanInfo", out var plan))
                        _executions[executionId] = SparkPlanDatasets.Extract(plan);
                    break;
            }
        }

        public SparkApplication Build(EventLogFile log)
        {
            var appId = _appId ?? _propertyAppId;
            if (appId is null)
                throw new EventLogException(_events == 0
                    ? $"not a Spark event log ({(_malformed > 0 ? "no line is a JSON event" : "empty")})"
                    : "no SparkListenerApplicationStart event and no spark.app.id (log cut off before the application started?)");
            return new SparkApplication
            {
                AppId = appId,
                AttemptId = _attemptId,
                AppName = _appName ?? _propertyAppName ?? appId,
                User = _user,
                StartedAt = _start,
                EndedAt = _end,
                SparkVersion = _sparkVersion,
                Master = _master,
                Status = _end is not null ? (_exitCode is null or 0 ? "completed" : "failed") : log.InProgress ? "running" : "incomplete",
                Jobs = _jobs,
                FailedJobs = _failedJobs,
                SqlExecutions = _executions.Count,
                EventLog = log.Origin,
                Inputs = Merge(_executions.Values.SelectMany(e => e.Inputs)),
                Outputs = Merge(_executions.Values.SelectMany(e => e.Outputs)),
            };
        }

        private static List<DatasetReference> Merge(IEnumerable<DatasetReference> references) =>
            references.GroupBy(r => r.Name)
                .Select(g => g.Aggregate((a, b) => a with
                {
                    Format = a.Format ?? b.Format,
                    Location = a.Location ?? b.Location,
                    Schema = a.Schema ?? b.Schema,
                }))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList();

        /// <summary>Spark writes <c>{"Event":"…",</c> first, so most lines (tasks, stages) are dismissed without parsing.</summary>
        private static string? EventName(string line)
        {
            const string prefix = "{\"Event\":\"";
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) return null;
            var end = line.IndexOf('"', prefix.Length);
            return end < 0 ? null : line[prefix.Length..end];
        }

        private static string? Text(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static DateTimeOffset? Time(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
