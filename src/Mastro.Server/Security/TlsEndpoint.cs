using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mastro.Core.Config;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mastro.Server.Security;

/// <summary><c>details.tls-certificate</c> + <c>details.tls-key</c> (PEM files): HTTPS for deployments without an ingress.</summary>
internal static class TlsEndpoint
{
    public static void Configure(ListenOptions listen, TlsFiles? tls)
    {
        if (tls is null) return;
        listen.UseHttps(Load(tls));
    }

    private static X509Certificate2 Load(TlsFiles tls)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The message names the files and the problem, never key material.
            throw new ConfigException(
                $"details.tls-certificate / details.tls-key: cannot load {tls.CertificatePath} with key {tls.KeyPath}: {e.Message}");
        }
    }
}
