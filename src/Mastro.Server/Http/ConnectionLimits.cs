using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mastro.Server.Http;

/// <summary>
/// Kestrel limits that stop slow or idle clients from holding the server (docs/RELIABILITY.md, "Slow clients").
/// Kestrel is asynchronous, so a waiting connection costs memory, not a thread; these limits bound how long such
/// a connection is kept.
/// </summary>
internal static class ConnectionLimits
{
    /// <summary>
    /// Time to send a request's headers (Kestrel's default: 30 s). Real clients send them in one packet; a
    /// slowloris client dribbling header bytes is cut off after this.
    /// </summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The slowest accepted request body after a 5 s grace period (Kestrel's default: 240 bytes/s). At 240 bytes/s a
    /// client could hold a request open for most of a day with a 16 MiB body; 1 KiB/s is still far below any real
    /// link. A slower body is answered 408 and its connection closed.
    /// </summary>
    public static readonly MinDataRate MinRequestBodyDataRate = new(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));

    /// <remarks>
    /// Left at Kestrel's defaults on purpose: <c>KeepAliveTimeout</c> (130 s, longer than the idle timeouts of common
    /// load balancers, so the server never closes a connection a proxy is about to reuse), <c>MinResponseDataRate</c>
    /// (240 bytes/s after 5 s) and <c>MaxConcurrentConnections</c> (unlimited: a cap would let a flood of idle
    /// connections lock every other client out; limit connections per client at the ingress instead).
    /// </remarks>
    public static void Apply(KestrelServerLimits limits)
    {
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = MinRequestBodyDataRate;
    }
}
