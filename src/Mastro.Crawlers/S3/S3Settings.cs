using Mastro.Core.Config;
using Mastro.Crawlers.Config;

namespace Mastro.Crawlers.S3;

/// <summary>
/// S3/MinIO connection from <c>backend.settings</c>: <c>endpoint</c> (host[:port], or a URL), <c>use-ssl</c>,
/// <c>access-key-id</c>/<c>secret-access-key</c> (use <c>${ENV}</c> references), <c>region</c>, <c>path-style</c>.
/// Without keys the AWS SDK's default credential chain applies (e.g. IRSA web identity on EKS).
/// </summary>
public sealed record S3Settings
{
    public string? Endpoint { get; init; }
    public bool UseSsl { get; init; } = true;
    public string? AccessKeyId { get; init; }
    public string? SecretAccessKey { get; init; }
    public string Region { get; init; } = "us-east-1";
    public bool PathStyle { get; init; } = true;

    public static S3Settings From(BackendConfig backend)
    {
        var settings = new ConfigValues(backend.Settings, "backend.settings");
        var accessKey = settings.Text("access-key-id");
        var secretKey = settings.Text("secret-access-key");
        if ((accessKey is null) != (secretKey is null))
            throw new ConfigException(
                $"{settings.Key(accessKey is null ? "access-key-id" : "secret-access-key")}: missing (give both keys, or neither for the default AWS credential chain)");
        var endpoint = settings.Text("endpoint");
        if (endpoint is not null && endpoint.Contains("://", StringComparison.Ordinal)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new ConfigException($"{settings.Key("endpoint")}: '{endpoint}' is neither host[:port] nor an http(s) URL");
        return new S3Settings
        {
            Endpoint = endpoint,
            UseSsl = settings.Bool("use-ssl", true),
            AccessKeyId = accessKey,
            SecretAccessKey = secretKey,
            Region = settings.Text("region") ?? "us-east-1",
            PathStyle = settings.Bool("path-style", true),
        };
    }

    /// <summary>The endpoint as a URL: an explicit scheme wins, else <c>use-ssl</c> decides.</summary>
    public string? ServiceUrl =>
        Endpoint is null ? null
        : Endpoint.Contains("://", StringComparison.Ordinal) ? Endpoint
        : $"{(UseSsl ? "https" : "http")}://{Endpoint}";

    /// <summary>Never prints the keys.</summary>
    public override string ToString() => $"s3 {ServiceUrl ?? $"aws:{Region}"}";
}
