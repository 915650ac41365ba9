using Mastro.Core.Config;
using Mastro.Core.Storage;

namespace Mastro.Cli;

/// <summary>Turns expected failures into one clear line on stderr and the right exit code.</summary>
public static class CommandErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"mastro: config error: {e.Message}");
            return ExitCodes.ConfigError;
        }
        catch (StoreUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"mastro: cannot reach the store: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            // E.g. Kestrel's "Failed to bind to address … address already in use", or an unreadable store file.
            await Console.Error.WriteLineAsync($"mastro: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
