using System.Net;
using Mastro.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mastro.Server.Tests.Security;

public sealed class ManualClockApiFactory : SecureApiFactory
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        return base.CreateHost(builder);
    }
}

/// <summary>Verified tokens are remembered for a few seconds; a revocation still takes effect within that time.</summary>
public sealed class TokenCacheTests(ManualClockApiFactory factory) : IClassFixture<ManualClockApiFactory>
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_revoked_token_is_refused_once_its_cache_entry_expires()
    {
        var (name, token) = await factory.CreateTokenAsync(Role.View);
        var client = factory.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assets/")).Status);

        await factory.RevokeAsync(name);
        // Within the cache time the verified token is still accepted: the documented revocation delay.
        factory.Clock.Advance(CacheDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assets/")).Status);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var refused = await client.GetAsync("/assets/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("not valid", refused.ErrorMessage);
    }

    [Fact]
    public async Task A_token_revoked_before_its_first_use_is_refused_at_once()
    {
        var (name, token) = await factory.CreateTokenAsync(Role.Admin);
        await factory.RevokeAsync(name);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWithToken(token).GetAsync("/assets/")).Status);
    }

    [Fact]
    public async Task A_wrong_secret_for_a_cached_token_id_is_refused()
    {
        var (_, token) = await factory.CreateTokenAsync(Role.Admin);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientWithToken(token).GetAsync("/assets/")).Status);

        var forged = token[..^4] + (token.EndsWith("AAAA") ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWithToken(forged).GetAsync("/assets/")).Status);
    }
}
