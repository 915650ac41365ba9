namespace Mastro.Server.Http;

/// <summary>Limits on what one request may carry (from <c>details.max-body-bytes</c> / <c>details.max-bulk-items</c>).</summary>
public sealed record RequestLimits(long MaxBodyBytes, int MaxBulkItems);
