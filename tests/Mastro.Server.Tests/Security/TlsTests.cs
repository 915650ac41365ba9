using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mastro.Cli;
using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Testing;
using Microsoft.Extensions.Hosting;

namespace Mastro.Server.Tests.Security;

/// <summary><c>details.tls-certificate</c> + <c>details.tls-key</c>: the real Kestrel serves HTTPS with the PEM files.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>A self-signed certificate for 127.0.0.1, written as PEM files; returns its thumbprint.</summary>
    private string WriteCertificate(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mastro-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate.Thumbprint;
    }

    /// <summary>The server on a real Kestrel socket; disposing stops it and closes its store.</summary>
    private sealed record RunningServer(IHost Host, IMastroStore Store) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            Host.Dispose();
            await Store.DisposeAsync();
        }
    }

    private async Task<RunningServer> StartAsync(TlsFiles tls, int port)
    {
        var settings = ServerSettings.Embedded(_directory.Path) with { Port = port, Security = new SecuritySettings { Tls = tls } };
        var store = await StoreFactory.OpenAsync(settings.Store, CancellationToken.None);
        var host = MastroServer.CreateHostBuilder(settings, store).Build();
        try
        {
            await host.StartAsync();
            return new RunningServer(host, store);
        }
        catch
        {
            host.Dispose();
            await store.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task The_server_answers_over_https_with_the_configured_certificate()
    {
        var tls = new TlsFiles(_directory.File("cert.pem"), _directory.File("key.pem"));
        var thumbprint = WriteCertificate(tls.CertificatePath, tls.KeyPath);
        var port = ExternalProcess.FreeTcpPort();
        await using var server = await StartAsync(tls, port);
        string? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => (served = certificate?.Thumbprint) == thumbprint,
        };
        using var https = new HttpClient(handler);

        Assert.Equal("ok", await https.GetStringAsync($"https://127.0.0.1:{port}/healthz"));
        Assert.Equal(thumbprint, served);
        using var plain = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{port}/healthz"));
    }

    [Fact]
    public async Task A_key_that_cannot_be_loaded_is_a_config_error_naming_the_keys()
    {
        var tls = new TlsFiles(_directory.File("cert.pem"), _directory.File("broken-key.pem"));
        WriteCertificate(tls.CertificatePath, _directory.File("unused-key.pem"));
        File.WriteAllText(tls.KeyPath, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");

        var error = await Assert.ThrowsAsync<ConfigException>(() => StartAsync(tls, ExternalProcess.FreeTcpPort()));

        Assert.Contains("details.tls-certificate / details.tls-key", error.Message);
        Assert.Contains("broken-key.pem", error.Message);
    }
}
