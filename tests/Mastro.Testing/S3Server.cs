using System.Diagnostics;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Mastro.Testing;

/// <summary>
/// A throwaway S3 server (s3rver, from npm) on a free loopback port, started once per test process and stopped
/// when it exits, like <see cref="PostgresServer"/>. Each test class creates its own bucket. The test script
/// installs s3rver into the repository's <c>.tools</c> folder.
/// </summary>
public sealed class S3Server
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly Lazy<Task<S3Server>> Shared = new(StartAsync);
    private int _bucketCounter;

    /// <summary>The process-wide server, started on first use.</summary>
    public static Task<S3Server> GetAsync() => Shared.Value;

    public int Port { get; }

    /// <summary>host:port, as Mastro's <c>endpoint</c> setting takes it (with <c>use-ssl: false</c>).</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public string ServiceUrl => $"http://{Endpoint}";

    private readonly Process _process;
    private readonly string _dataDirectory;

    private S3Server(Process process, string dataDirectory, int port) => (_process, _dataDirectory, Port) = (process, dataDirectory, port);

    /// <summary>A client configured for s3rver's quirks (see shared/DEPENDENCIES.md).</summary>
    public IAmazonS3 CreateClient() => new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Creates an empty bucket with a unique name and returns the name.</summary>
    public async Task<string> CreateBucketAsync(string prefix = "test")
    {
        var name = $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _bucketCounter)}-{Guid.NewGuid():N}"[..40].ToLowerInvariant().TrimEnd('-');
        using var client = CreateClient();
        await client.PutBucketAsync(name);
        return name;
    }

    /// <summary>Uploads one object (without aws-chunked encoding, which s3rver stores verbatim).</summary>
    public static async Task PutAsync(IAmazonS3 client, string bucket, string key, byte[] content) =>
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content),
            UseChunkEncoding = false,
        });

    private static async Task<S3Server> StartAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root, ".tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver not found at {script}: run ./test.sh, which installs s3rver");
        var node = ExternalProcess.OnPath("node")
            ?? throw new InvalidOperationException("node not found on PATH: run ./test.sh, which installs Node.js and s3rver");
        var data = Directory.CreateTempSubdirectory("mastro-s3-").FullName;
        var port = ExternalProcess.FreeTcpPort();
        // The test host may be killed rather than exit (so ProcessExit never runs): a shell watchdog stops
        // s3rver as soon as this process is gone, so no server outlives its tests.
        const string watchdog = """
            parent=$1; shift
            "$@" & child=$!
            trap 'kill $child 2>/dev/null' EXIT TERM INT
            while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
            """;
        var info = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        foreach (var argument in new[] { "-c", watchdog, "s3rver-watchdog", Environment.ProcessId.ToString(),
                     node, script, "-d", data, "-a", "127.0.0.1", "-p", port.ToString(), "--silent" })
            info.ArgumentList.Add(argument);
        // Without the legacy provider, s3rver answers every truncated (paged) listing with 500.
        info.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start s3rver");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3Server(process, data, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        await WaitForPortAsync(port, process, output);
        return server;
    }

    private static async Task WaitForPortAsync(int port, Process process, System.Text.StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"s3rver exited with code {process.ExitCode}:\n{output}");
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
        throw new InvalidOperationException($"s3rver did not listen on port {port} within 20 s:\n{output}");
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception)
        {
            // Process exit: nothing more to do; the temp directory is left for the OS.
        }
    }
}
