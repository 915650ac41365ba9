using System.Net;
using System.Net.Sockets;

namespace Mastro.Reliability.Tests.Support;

/// <summary>
/// A TCP proxy on a loopback port in front of a real server (Mastro, PostgreSQL, S3) that can make the server
/// disappear: <see cref="Cut"/> drops every open connection and refuses new ones, <see cref="Restore"/> accepts
/// them again. A cut can be armed to happen by itself once the server has sent a number of bytes, which puts it
/// in the middle of a client's work without the test having to catch the moment.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private long _bytesFromTarget;
    private long _cutAfterBytes = long.MaxValue;
    private TimeSpan? _restoreAfter;

    private FaultProxy(int targetPort, int port)
    {
        _targetPort = targetPort;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Bytes the server has sent through the proxy so far.</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    /// <summary>When the armed cut happened, and how many bytes had passed by then.</summary>
    public DateTimeOffset? CutAt { get; private set; }

    public static FaultProxy Start(int targetPort)
    {
        var proxy = new FaultProxy(targetPort, Mastro.Testing.ExternalProcess.FreeTcpPort());
        proxy.Restore();
        return proxy;
    }

    /// <summary>Cuts by itself once the server has sent <paramref name="bytes"/> bytes; restores after <paramref name="restoreAfter"/> if given.</summary>
    public void CutAfter(long bytes, TimeSpan? restoreAfter = null)
    {
        _restoreAfter = restoreAfter;
        Interlocked.Exchange(ref _cutAfterBytes, bytes);
    }

    /// <summary>The server "goes away": open connections are reset, new ones refused.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            CutAt ??= DateTimeOffset.UtcNow;
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                connection.Client.LingerState = new LingerOption(true, 0); // reset, as a vanished host's connections are
                connection.Dispose();
            }
            _connections.Clear();
        }
    }

    /// <summary>The server "comes back": new connections are accepted and forwarded again.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            if (_listener is not null) return;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped by Cut
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var target = new TcpClient();
        try
        {
            await target.ConnectAsync(IPAddress.Loopback, _targetPort);
            lock (_lock)
            {
                if (_listener is null) throw new SocketException((int)SocketError.ConnectionRefused);
                _connections.Add(client);
                _connections.Add(target);
            }
            var toTarget = PumpAsync(client.GetStream(), target.GetStream(), countFromTarget: false);
            var fromTarget = PumpAsync(target.GetStream(), client.GetStream(), countFromTarget: true);
            await Task.WhenAny(toTarget, fromTarget);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // One side went away; the other is closed below.
        }
        finally
        {
            lock (_lock)
            {
                _connections.Remove(client);
                _connections.Remove(target);
            }
            client.Dispose();
            target.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool countFromTarget)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer);
                if (read == 0) return;
                if (countFromTarget && Interlocked.Add(ref _bytesFromTarget, read) >= Interlocked.Read(ref _cutAfterBytes))
                {
                    ArmedCut();
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The connection was cut or closed.
        }
    }

    private void ArmedCut()
    {
        Interlocked.Exchange(ref _cutAfterBytes, long.MaxValue);
        Cut();
        if (_restoreAfter is { } delay)
            _ = Task.Delay(delay).ContinueWith(_ => Restore(), TaskScheduler.Default);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
