namespace Mastro.Server.Tests.Api;

/// <summary>The real clock moved forward, to see what the server does once time has passed.</summary>
internal sealed class LaterClock(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
}
