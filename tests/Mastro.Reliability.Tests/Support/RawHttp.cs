using System.Net.Sockets;
using System.Text;

namespace Mastro.Reliability.Tests.Support;

/// <summary>What came back for raw request bytes: the status code, or 0 with the reason no answer came.</summary>
public sealed record RawAnswer(int Status, string? NoAnswerReason, TimeSpan Duration);

/// <summary>Sends exact bytes over a fresh TCP connection to a loopback port and reads the answer's status line.</summary>
public static class RawHttp
{
    public static async Task<RawAnswer> SendAsync(int port, byte[] request, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port, cts.Token);
            try
            {
                // Not half-closed afterwards: Kestrel takes the end of the input as the client leaving and drops the request.
                await socket.SendAsync(request, SocketFlags.None, cts.Token);
            }
            catch (SocketException)
            {
                // The server may answer (413, 431…) and close before reading everything; its answer is still readable.
            }
            var status = await ReadStatusAsync(socket, cts.Token);
            return status is { } code
                ? new RawAnswer(code, null, clock.Elapsed)
                : new RawAnswer(0, "connection closed without an answer", clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new RawAnswer(0, $"no answer within {timeout.TotalSeconds:F0} s", clock.Elapsed);
        }
        catch (SocketException e)
        {
            return new RawAnswer(0, $"socket error {e.SocketErrorCode}", clock.Elapsed);
        }
    }

    private static async Task<int?> ReadStatusAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var received = 0;
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken);
            if (read == 0) break;
            received += read;
            var text = Encoding.Latin1.GetString(buffer, 0, received);
            var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (lineEnd > 0)
            {
                var parts = text[..lineEnd].Split(' ');
                return parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : null;
            }
        }
        return null;
    }
}
