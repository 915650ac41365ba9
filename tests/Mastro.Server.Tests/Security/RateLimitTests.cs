using System.Net;
using Mastro.Core.Config;
using Mastro.Core.Security;

namespace Mastro.Server.Tests.Security;

public sealed class RateLimitedApiFactory : SecureApiFactory
{
    public const int PerMinute = 3;

    protected override ServerSettings Adjust(ServerSettings settings)
    {
        var secure = base.Adjust(settings);
        return secure with { Security = secure.Security with { RateLimitPerMinute = PerMinute } };
    }
}

/// <summary><c>details.rate-limit-per-minute</c>: a budget per token (per address without one), 429 with Retry-After beyond it.</summary>
public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_token_over_its_budget_gets_429_with_retry_after_while_other_tokens_go_on()
    {
        var busy = factory.ClientWithToken((await factory.CreateTokenAsync(Role.View)).Text);
        var other = factory.ClientWithToken((await factory.CreateTokenAsync(Role.View)).Text);

        for (var i = 0; i < RateLimitedApiFactory.PerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/assets/")).Status);
        var limited = await busy.GetAsync("/assets/");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("too_many_requests", (string)limited.Json["error"]!);
        Assert.Contains($"{RateLimitedApiFactory.PerMinute} requests per minute", limited.ErrorMessage);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/assets/")).Status);
    }

    [Fact]
    public async Task Requests_without_a_token_share_their_address_budget_and_probes_are_never_limited()
    {
        var anonymous = factory.Client(null);
        for (var i = 0; i < RateLimitedApiFactory.PerMinute; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/assets/")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await factory.ClientWithToken("mastro_0123456789abcdef_x").GetAsync("/assets/")).Status);

        for (var i = 0; i < RateLimitedApiFactory.PerMinute * 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await factory.Admin.GetAsync("/assets/")).Status);
    }
}
