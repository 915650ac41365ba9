using Mastro.Core.Config;
using Mastro.Core.Security;

namespace Mastro.Server.Security;

/// <summary>Says at startup whether tokens are required — loudly when a server others can reach runs open.</summary>
internal sealed class SecurityStartupLog(ServerSettings settings, ILogger<SecurityStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.RequiresAuth)
            logger.LogInformation(
                "Authentication required: requests need 'Authorization: Bearer <token>' (create tokens with `mastro token create`){Bootstrap}",
                settings.Security.AdminToken is null ? "" : $"; the bootstrap admin token from {AdminToken.EnvironmentVariable} is accepted");
        else if (settings.ListensOnLoopbackOnly)
            logger.LogInformation(
                "Authentication is off: listening on loopback address {Address} only, so anyone on this machine may read, write and delete. " +
                "Listening on another address requires tokens unless details.auth says otherwise",
                settings.Address);
        else
            logger.LogWarning(
                "AUTHENTICATION DISABLED on {Address}, which other machines can reach: anyone who can connect may read, write and delete everything. " +
                "Remove 'details.auth: disabled' to require tokens",
                settings.Address);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
