using Mastro.Core.Security;

namespace Mastro.Core.Config;

/// <summary>Whether requests need a token (<c>details.auth</c>).</summary>
public enum AuthMode
{
    Required,
    Disabled,
}

/// <summary>Who may read <c>/metrics</c> (<c>details.metrics-auth</c>).</summary>
public enum MetricsAccess
{
    /// <summary>Anyone, so that Prometheus scrapes without a token (the default).</summary>
    Open,
    /// <summary>Any valid token.</summary>
    View,
}

/// <summary>The TLS certificate and key Kestrel serves HTTPS with (PEM files).</summary>
public sealed record TlsFiles(string CertificatePath, string KeyPath);

/// <summary>
/// Authentication, CORS, rate limiting and TLS of a server (the <c>details.*</c> keys in docs/CONFIGURATION.md).
/// </summary>
public sealed record SecuritySettings
{
    public static readonly SecuritySettings Default = new();

    /// <summary>Null: required unless the server listens on a loopback address (see <see cref="ServerSettings.RequiresAuth"/>).</summary>
    public AuthMode? Auth { get; init; }

    public MetricsAccess MetricsAccess { get; init; } = MetricsAccess.Open;

    /// <summary>Origins allowed to call cross-origin; empty means same origin only; <c>*</c> means any.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Requests per minute per token (per client IP without one); 0 means unlimited.</summary>
    public int RateLimitPerMinute { get; init; }

    public TlsFiles? Tls { get; init; }

    /// <summary>From <c>MASTRO_ADMIN_TOKEN</c>, set by the executable; never from the config file.</summary>
    public AdminToken? AdminToken { get; init; }

    public static SecuritySettings From(Func<string, string?> detail) => new()
    {
        Auth = detail("auth") switch
        {
            null => null,
            "required" => AuthMode.Required,
            "disabled" => AuthMode.Disabled,
            var other => throw new ConfigException($"details.auth: '{other}' is not one of: required, disabled"),
        },
        MetricsAccess = detail("metrics-auth") switch
        {
            null or "open" => MetricsAccess.Open,
            "view" => MetricsAccess.View,
            var other => throw new ConfigException($"details.metrics-auth: '{other}' is not one of: open, view"),
        },
        CorsOrigins = CorsOriginsFrom(detail("cors-origins")),
        RateLimitPerMinute = detail("rate-limit-per-minute") switch
        {
            null => 0,
            var text when int.TryParse(text, out var n) && n >= 0 => n,
            var text => throw new ConfigException($"details.rate-limit-per-minute: '{text}' is not a whole number ≥ 0 (0: unlimited)"),
        },
        Tls = (detail("tls-certificate"), detail("tls-key")) switch
        {
            (null, null) => null,
            ({ } certificate, { } key) => new TlsFiles(certificate, key),
            (null, _) => throw new ConfigException("details.tls-certificate: missing (details.tls-key is set; HTTPS needs both PEM files)"),
            (_, null) => throw new ConfigException("details.tls-key: missing (details.tls-certificate is set; HTTPS needs both PEM files)"),
        },
    };

    private static IReadOnlyList<string> CorsOriginsFrom(string? text)
    {
        var origins = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (origins.Contains("*"))
            return origins.Length == 1
                ? ["*"]
                : throw new ConfigException("details.cors-origins: '*' allows every origin and cannot be combined with others");
        foreach (var origin in origins)
        {
            // An origin is scheme://host[:port], nothing more: browsers send exactly that in the Origin header.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                throw new ConfigException($"details.cors-origins: '{origin}' is not an origin like https://ui.example.com");
        }
        return origins.Select(o => o.TrimEnd('/')).ToList();
    }
}
