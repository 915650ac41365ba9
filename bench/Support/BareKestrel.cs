using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mastro.Bench.Support;

/// <summary>
/// The limit for read throughput: a minimal Kestrel app answering every GET with fixed bytes (the JSON of a
/// real asset), so nothing but HTTP is measured. It runs as its own process (this executable with the
/// <c>bare-kestrel</c> command), like mastro, so both are loaded across the same loopback from the same client.
/// </summary>
public static class BareKestrel
{
    public const string Command = "bare-kestrel";

    /// <summary>Runs the server until killed: <c>bare-kestrel PORT BODY_FILE</c>.</summary>
    public static async Task RunAsync(int port, string bodyFile)
    {
        var body = await File.ReadAllBytesAsync(bodyFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/{**path}", () => Results.Bytes(body, "application/json; charset=utf-8"));
        await app.RunAsync();
    }

    public static async Task<(ChildProcess Process, string BaseUrl)> StartAsync(
        BenchContext context, byte[] body, CancellationToken cancellationToken)
    {
        var directory = context.Directory("bare-kestrel");
        var bodyFile = Path.Combine(directory, "body.json");
        await File.WriteAllBytesAsync(bodyFile, body, cancellationToken);
        var port = Mastro.Testing.ExternalProcess.FreeTcpPort();
        // Under `dotnet Mastro.Bench.dll` the process is dotnet, which needs the dll again; the apphost does not.
        var self = Environment.ProcessPath!;
        string[] prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(BareKestrel).Assembly.Location] : [];
        var process = ChildProcess.Start(self, [.. prefix, Command, port.ToString(), bodyFile], Path.Combine(directory, "server.log"));
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            await process.WaitUntilReadyAsync($"{baseUrl}/ready", TimeSpan.FromSeconds(30), cancellationToken);
            return (process, baseUrl);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
