using System.CommandLine;

namespace Mastro.Cli;

/// <summary>The single <c>mastro</c> executable: every role (server, crawler) and the admin commands.</summary>
public sealed class Program
{
    /// <summary>
    /// How long SIGTERM waits for a command to finish before the process is ended: long enough for the server
    /// to drain in-flight requests and for a crawler to finish the batch it is pushing (Kubernetes allows 30 s).
    /// </summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(28);

    public static Task<int> Main(string[] args) =>
        MastroCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace });
}
