namespace Mastro.Cli;

/// <summary>The single <c>mastro</c> executable: every role (server, crawler) and the admin commands.</summary>
public sealed class Program
{
    public static Task<int> Main(string[] args) => MastroCommandLine.Create().Parse(args).InvokeAsync();
}
