using System.Diagnostics;
using System.Globalization;

namespace Mastro.Bench.Support;

/// <summary>
/// A server started for a scenario (mastro, or the bare Kestrel baseline). Its output goes to a log file, not
/// through a pipe into this process: at tens of thousands of log lines per second the benchmark would otherwise
/// spend its own CPU reading them. Killed on dispose.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _logPath;
    private readonly long _startedAt;

    private ChildProcess(Process process, string logPath, long startedAt) =>
        (_process, _logPath, _startedAt) = (process, logPath, startedAt);

    public int Id => _process.Id;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string logPath)
    {
        // sh only redirects and then becomes the program (exec), so the pid is the server's.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec \"$0\" \"$@\" >\"$BENCH_LOG\" 2>&1", fileName, .. arguments])
            info.ArgumentList.Add(argument);
        info.Environment["BENCH_LOG"] = logPath;
        info.Environment.Remove("MASTRO_CONFIG");
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}");
        return new ChildProcess(process, logPath, startedAt);
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; returns the time from process start to that answer.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (Stopwatch.GetElapsedTime(_startedAt) < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[2]} exited with {_process.ExitCode}:\n{LogTail()}");
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode) return Stopwatch.GetElapsedTime(_startedAt);
            }
            catch (HttpRequestException) { }
            // Short polls: the cold-start figure is measured with this loop.
            await Task.Delay(5, cancellationToken);
        }
        throw new TimeoutException($"{url} not ready within {timeout}:\n{LogTail()}");
    }

    /// <summary>
    /// CPU time used so far (user + system, from <c>/proc/PID/stat</c>): unlike wall time, it hardly depends on what
    /// else the machine is running.
    /// </summary>
    public TimeSpan CpuTime()
    {
        // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>Linux's USER_HZ, 100 on every architecture .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>Resident memory now (<c>VmRSS</c>), in MiB.</summary>
    public double ResidentMiB() => ReadStatusKiB("VmRSS:") / 1024.0;

    /// <summary>Largest resident memory so far (<c>VmHWM</c>), in MiB.</summary>
    public double PeakResidentMiB() => ReadStatusKiB("VmHWM:") / 1024.0;

    private long ReadStatusKiB(string key)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private string LogTail(int lines = 30) =>
        File.Exists(_logPath) ? string.Join('\n', File.ReadLines(_logPath).TakeLast(lines)) : "(no output)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
