using System.Collections.Concurrent;
using System.Diagnostics;
using Mastro.Testing;

namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// A native executable (the published `mastro`) started with an exact environment, as a container would start it.
/// (Mastro.Testing.MastroProcess starts the framework-dependent build through `dotnet`.)
/// </summary>
public sealed class RunningBinary : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _standardOutput = new();

    private RunningBinary(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            _standardOutput.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Standard output and error, as they came.</summary>
    public string Output => string.Join('\n', _output);

    public string StandardOutput => string.Join('\n', _standardOutput);

    /// <summary>Starts <paramref name="executable"/> with only <paramref name="environment"/> (plus PATH), like a container.</summary>
    public static RunningBinary Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return new RunningBinary(Process.Start(info) ?? throw new InvalidOperationException($"cannot start {executable}"));
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200, or fails with the process output.</summary>
    public async Task WaitUntilReadyAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} not ready:\n{Output}");
    }

    /// <summary>Sends SIGTERM, as the kubelet does when it stops a pod, and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan gracePeriod)
    {
        await ExternalProcess.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
        return await WaitForExitAsync(gracePeriod);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"did not exit within {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

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
