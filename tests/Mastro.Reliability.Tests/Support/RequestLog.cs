using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mastro.Reliability.Tests.Support;

/// <summary>One request's fate: its status (0 when no answer came), how long it took, and whether it said when to retry.</summary>
public sealed record RequestRecord(DateTimeOffset StartedAt, string Operation, int Status, TimeSpan Duration, bool HasRetryAfter, string? Failure);

/// <summary>Sends requests and records every outcome, answered or not, for figures and assertions.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    public IReadOnlyCollection<RequestRecord> Records => _records;

    public async Task<RequestRecord> SendAsync(HttpClient http, string operation, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        RequestRecord record;
        try
        {
            using var response = await send(http);
            await response.Content.LoadIntoBufferAsync();
            record = new RequestRecord(startedAt, operation, (int)response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            record = new RequestRecord(startedAt, operation, 0, clock.Elapsed, false, $"{e.GetType().Name}: {e.Message}");
        }
        _records.Enqueue(record);
        return record;
    }

    public int Count(Func<RequestRecord, bool> predicate) => _records.Count(predicate);

    public TimeSpan Slowest => _records.IsEmpty ? TimeSpan.Zero : _records.Max(r => r.Duration);
}
