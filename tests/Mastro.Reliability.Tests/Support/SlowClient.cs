using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Mastro.Reliability.Tests.Support;

/// <summary>
/// A hostile client on its own connection: it sends <paramref name="opening"/>, then one chunk every
/// <paramref name="interval"/>, and notes when the server ends the connection (an answer or a close).
/// With no chunks it is an idle connection.
/// </summary>
public sealed class SlowClient(int port, string opening, string chunk, TimeSpan interval)
{
    /// <summary>How long the server let this connection live, or null if it was still open when the client gave up.</summary>
    public TimeSpan? HeldFor { get; private set; }

    /// <summary>The status line the server answered with before closing, if any.</summary>
    public string? Answer { get; private set; }

    public async Task RunAsync(CancellationToken giveUp)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port, giveUp);
        var clock = Stopwatch.StartNew();
        var closed = WaitForServerToEndAsync(socket, giveUp);
        try
        {
            if (opening.Length > 0)
                await socket.SendAsync(Encoding.ASCII.GetBytes(opening), SocketFlags.None, giveUp);
            while (!closed.IsCompleted && chunk.Length > 0)
            {
                await Task.WhenAny(closed, Task.Delay(interval, giveUp));
                if (!closed.IsCompleted)
                    await socket.SendAsync(Encoding.ASCII.GetBytes(chunk), SocketFlags.None, giveUp);
            }
            await closed;
            HeldFor = clock.Elapsed;
        }
        catch (SocketException)
        {
            HeldFor = clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            // Still open when the test stopped waiting.
        }
    }

    private async Task WaitForServerToEndAsync(Socket socket, CancellationToken giveUp)
    {
        var buffer = new byte[1024];
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, giveUp);
            if (read > 0) Answer = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        }
        catch (SocketException)
        {
            // Reset by the server: ended all the same.
        }
    }
}
