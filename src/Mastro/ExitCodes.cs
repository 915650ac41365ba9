namespace Mastro.Cli;

/// <summary>Process exit codes, so Kubernetes Jobs and scripts can tell a failed run from a bad config.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int ConfigError = 2;
}
