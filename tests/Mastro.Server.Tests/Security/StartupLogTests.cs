using Mastro.Core.Config;
using Mastro.Server.Tests.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mastro.Server.Tests.Security;

/// <summary>A factory whose logs are captured, for the startup messages about authentication.</summary>
public abstract class LoggedApiFactory : SqliteApiFactory
{
    public LogCapture Logs { get; } = new();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>("Mastro", LogLevel.Trace));
        return base.CreateHost(builder);
    }
}

/// <summary>The embedded default: loopback, no auth setting.</summary>
public sealed class LoopbackApiFactory : LoggedApiFactory;

/// <summary>All interfaces with <c>details.auth: disabled</c>.</summary>
public sealed class DisabledOnAllInterfacesApiFactory : LoggedApiFactory
{
    protected override ServerSettings Adjust(ServerSettings settings) =>
        settings with { Address = "0.0.0.0", Security = settings.Security with { Auth = AuthMode.Disabled } };
}

/// <summary>The startup log says whether tokens are needed, and warns loudly when a reachable server runs open.</summary>
public sealed class StartupLogTests(LoopbackApiFactory loopback, DisabledOnAllInterfacesApiFactory disabled, SecureApiFactory secure)
    : IClassFixture<LoopbackApiFactory>, IClassFixture<DisabledOnAllInterfacesApiFactory>, IClassFixture<SecureApiFactory>
{
    private static string StartupLine(LogCapture logs) =>
        Assert.Single(logs.Lines, line => line.Contains("Mastro.Server.Security.SecurityStartupLog"));

    [Fact]
    public async Task Loopback_without_an_auth_setting_runs_open_and_says_so()
    {
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await new ApiClient(loopback.CreateClient()).PutAsync("/asset/", """{"name":"open-asset","type":"dataset"}""")).Status);

        var line = StartupLine(loopback.Logs);
        Assert.StartsWith("Information", line);
        Assert.Contains("Authentication is off: listening on loopback address 127.0.0.1 only", line);
    }

    [Fact]
    public async Task Disabling_auth_on_all_interfaces_is_a_loud_warning()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await new ApiClient(disabled.CreateClient()).GetAsync("/assets/")).Status);

        var line = StartupLine(disabled.Logs);
        Assert.StartsWith("Warning", line);
        Assert.Contains("AUTHENTICATION DISABLED on 0.0.0.0", line);
    }

    [Fact]
    public void Required_auth_says_how_to_authenticate()
    {
        secure.CreateClient().Dispose();

        var line = StartupLine(secure.Logs);
        Assert.Contains("Authentication required", line);
        Assert.Contains("MASTRO_ADMIN_TOKEN is accepted", line);
        Assert.DoesNotContain(SecureApiFactory.AdminTokenText, secure.Logs.Text);
    }
}
