using System.Net.Sockets;
using Mastro.Testing;

namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// A throwaway MIT Kerberos KDC for one realm on a free loopback port (Debian's krb5-kdc and krb5-admin-server,
/// installed by ./test.sh), with one principal whose keys are in <see cref="Keytab"/>.
/// </summary>
public sealed class KerberosKdc : IAsyncDisposable
{
    public int Port { get; }
    public string Keytab { get; }
    private readonly RunningBinary _kdc;

    private KerberosKdc(int port, string keytab, RunningBinary kdc) => (Port, Keytab, _kdc) = (port, keytab, kdc);

    public static async Task<KerberosKdc> StartAsync(string directory, string realm, string principal)
    {
        Directory.CreateDirectory(directory);
        var port = ExternalProcess.FreeTcpPort();
        var krb5Conf = Path.Combine(directory, "krb5.conf");
        var kdcConf = Path.Combine(directory, "kdc.conf");
        await File.WriteAllTextAsync(krb5Conf, $$"""
            [libdefaults]
              default_realm = {{realm}}
              dns_lookup_kdc = false
              rdns = false
              udp_preference_limit = 1
            [realms]
              {{realm}} = {
                kdc = 127.0.0.1:{{port}}
              }
            """);
        await File.WriteAllTextAsync(kdcConf, $$"""
            [kdcdefaults]
              kdc_ports = {{port}}
              kdc_tcp_ports = {{port}}
            [realms]
              {{realm}} = {
                database_name = {{directory}}/principal
                key_stash_file = {{directory}}/stash
                acl_file = {{directory}}/kadm5.acl
              }
            """);
        var environment = new Dictionary<string, string> { ["KRB5_CONFIG"] = krb5Conf, ["KRB5_KDC_PROFILE"] = kdcConf };
        string[] Env(string tool, params string[] arguments) =>
            [.. environment.Select(e => $"{e.Key}={e.Value}"), Tool(tool), .. arguments];

        var keytab = Path.Combine(directory, "kdc.keytab");
        await ExternalProcess.RunAsync("env", Env("kdb5_util", "create", "-s", "-r", realm, "-P", "throwaway-master-key"));
        await ExternalProcess.RunAsync("env", Env("kadmin.local", "-r", realm, "-q", $"addprinc -randkey {principal}"));
        await ExternalProcess.RunAsync("env", Env("kadmin.local", "-r", realm, "-q", $"ktadd -k {keytab} {principal}"));
        var kdc = RunningBinary.Start(Tool("krb5kdc"), ["-n"], environment, directory);
        await WaitForPortAsync(port, kdc);
        return new KerberosKdc(port, keytab, kdc);
    }

    /// <summary>The KDC tools live in /usr/sbin, which is not on every PATH.</summary>
    private static string Tool(string name) =>
        ExternalProcess.OnPath(name) ?? (File.Exists($"/usr/sbin/{name}") ? $"/usr/sbin/{name}"
            : throw new InvalidOperationException($"{name} not found: run ./test.sh, which installs krb5-kdc and krb5-admin-server"));

    private static async Task WaitForPortAsync(int port, RunningBinary kdc)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"krb5kdc did not listen on port {port}:\n{kdc.Output}");
    }

    public ValueTask DisposeAsync() => _kdc.DisposeAsync();
}
