using System.Net.Http.Headers;
using Mastro.Core.Config;
using Mastro.Core.Security;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Server.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mastro.Server.Tests.Security;

/// <summary>
/// The server as it runs when reachable from other machines: tokens required, a bootstrap admin token, every log line
/// captured (so tests can prove no secret is written).
/// </summary>
public class SecureApiFactory : SqliteApiFactory
{
    /// <summary>What MASTRO_ADMIN_TOKEN would hold.</summary>
    public const string AdminTokenText = "bootstrap-admin-secret-0123456789-abcdefghij";

    public LogCapture Logs { get; } = new();

    protected override ServerSettings Adjust(ServerSettings settings) => settings with
    {
        Security = settings.Security with
        {
            Auth = AuthMode.Required,
            AdminToken = AdminToken.FromEnvironment(name => name == AdminToken.EnvironmentVariable ? AdminTokenText : null),
        },
    };

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>("Mastro", LogLevel.Trace));
        return base.CreateHost(builder);
    }

    public IMastroStore Store => Services.GetRequiredService<IMastroStore>();

    /// <summary>A new token of that role, made the way `mastro token create` makes it.</summary>
    public async Task<(string Name, string Text)> CreateTokenAsync(Role role, string? name = null)
    {
        name ??= $"{role.Name()}-{Guid.NewGuid():N}"[..24];
        var issued = await new TokenAdministration(Store.Tokens, TimeProvider.System).CreateAsync(name, role, CancellationToken.None);
        return (name, issued.Text);
    }

    public async Task RevokeAsync(string name) =>
        Assert.NotNull(await new TokenAdministration(Store.Tokens, TimeProvider.System).RevokeAsync(name, CancellationToken.None));

    /// <summary>A client sending <paramref name="authorization"/> as the Authorization header (none when null).</summary>
    public ApiClient Client(string? authorization)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (authorization is not null)
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return new ApiClient(http);
    }

    public ApiClient ClientWithToken(string token) => Client($"Bearer {token}");

    public ApiClient Admin => ClientWithToken(AdminTokenText);
}
