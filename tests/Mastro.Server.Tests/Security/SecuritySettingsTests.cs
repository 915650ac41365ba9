using Mastro.Core.Config;
using Mastro.Core.Security;

namespace Mastro.Server.Tests.Security;

/// <summary>The security keys of <c>details</c> and <c>MASTRO_ADMIN_TOKEN</c>: defaults, parsing, one-line errors.</summary>
public sealed class SecuritySettingsTests
{
    private static ServerSettings From(string details) => ServerSettings.From(ConfigLoader.Parse(
        $"type: catalogue\ndetails:\n  port: 8085\n{details}backend:\n  type: sqlite\n  settings:\n    path: /tmp/x.db\n", null, _ => null));

    [Theory]
    [InlineData("", true)]
    [InlineData("  address: 0.0.0.0\n", true)]
    [InlineData("  address: 10.1.2.3\n", true)]
    [InlineData("  address: 127.0.0.1\n", false)]
    [InlineData("  address: ::1\n", false)]
    [InlineData("  address: localhost\n", false)]
    [InlineData("  address: 127.0.0.1\n  auth: required\n", true)]
    [InlineData("  auth: disabled\n", false)]
    public void Auth_is_required_unless_loopback_or_said_otherwise(string details, bool required) =>
        Assert.Equal(required, From(details).RequiresAuth);

    [Fact]
    public void The_embedded_default_runs_open_on_loopback_but_not_when_moved_to_every_interface()
    {
        var embedded = ServerSettings.Embedded(".mastro");
        Assert.False(embedded.RequiresAuth);
        Assert.True((embedded with { Address = "0.0.0.0" }).RequiresAuth);
    }

    [Fact]
    public void Defaults_are_open_metrics_same_origin_cors_no_rate_limit_and_plain_http()
    {
        var security = From("").Security;
        Assert.Equal((MetricsAccess.Open, 0, null), (security.MetricsAccess, security.RateLimitPerMinute, security.Tls));
        Assert.Empty(security.CorsOrigins);
        Assert.Null(security.AdminToken);
    }

    [Fact]
    public void Every_security_key_is_read()
    {
        var security = From(
            "  metrics-auth: view\n" +
            "  cors-origins: \"https://ui.example.com, http://localhost:5173/\"\n" +
            "  rate-limit-per-minute: 600\n" +
            "  tls-certificate: /etc/mastro/tls.crt\n" +
            "  tls-key: /etc/mastro/tls.key\n").Security;

        Assert.Equal(MetricsAccess.View, security.MetricsAccess);
        Assert.Equal(["https://ui.example.com", "http://localhost:5173"], security.CorsOrigins);
        Assert.Equal(600, security.RateLimitPerMinute);
        Assert.Equal(new TlsFiles("/etc/mastro/tls.crt", "/etc/mastro/tls.key"), security.Tls);
        Assert.Equal(["*"], From("  cors-origins: '*'\n").Security.CorsOrigins);
    }

    [Theory]
    [InlineData("  auth: maybe\n", "details.auth: 'maybe' is not one of: required, disabled")]
    [InlineData("  metrics-auth: admin\n", "details.metrics-auth: 'admin' is not one of: open, view")]
    [InlineData("  rate-limit-per-minute: -1\n", "details.rate-limit-per-minute: '-1'")]
    [InlineData("  rate-limit-per-minute: lots\n", "details.rate-limit-per-minute: 'lots'")]
    [InlineData("  cors-origins: ui.example.com\n", "details.cors-origins: 'ui.example.com' is not an origin")]
    [InlineData("  cors-origins: https://ui.example.com/app\n", "details.cors-origins: 'https://ui.example.com/app' is not an origin")]
    [InlineData("  cors-origins: '*, https://ui.example.com'\n", "details.cors-origins: '*' allows every origin and cannot be combined")]
    [InlineData("  tls-certificate: /c.pem\n", "details.tls-key: missing")]
    [InlineData("  tls-key: /k.pem\n", "details.tls-certificate: missing")]
    public void Mistakes_are_one_line_naming_the_key(string details, string expected) =>
        Assert.Contains(expected, Assert.Throws<ConfigException>(() => From(details)).Message);

    [Fact]
    public void The_bootstrap_admin_token_comes_from_the_environment_is_never_printed_and_must_be_long()
    {
        const string value = "a-long-enough-bootstrap-token-0123456789";
        var token = AdminToken.FromEnvironment(name => name == "MASTRO_ADMIN_TOKEN" ? value : null);

        Assert.NotNull(token);
        Assert.True(token.Matches(value));
        Assert.False(token.Matches(value + "x"));
        Assert.False(token.Matches(""));
        var settings = ServerSettings.Embedded(".mastro") with { Security = new SecuritySettings { AdminToken = token } };
        Assert.DoesNotContain(value, settings.ToString());
        Assert.Null(AdminToken.FromEnvironment(_ => null));
        Assert.Null(AdminToken.FromEnvironment(_ => ""));
        var error = Assert.Throws<ConfigException>(() => AdminToken.FromEnvironment(_ => "short-secret"));
        Assert.Contains("MASTRO_ADMIN_TOKEN: too short", error.Message);
        Assert.DoesNotContain("short-secret", error.Message);
    }
}
