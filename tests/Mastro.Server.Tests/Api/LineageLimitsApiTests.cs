using System.Net;
using static Mastro.Server.Tests.Api.LineageEvents;

namespace Mastro.Server.Tests.Api;

/// <summary>The body limit applies to lineage events like to every body (<c>details.max-body-bytes</c>).</summary>
public sealed class LineageLimitsApiTests(SmallLimitsApiFactory factory) : ApiTestBase(factory), IClassFixture<SmallLimitsApiFactory>
{
    [Fact]
    public async Task Events_over_the_body_limit_are_413_and_store_nothing()
    {
        var runId = Guid.NewGuid().ToString();
        var huge = RunEvent("START", runId, T0, "spark", Unique("huge"), jobFacets: new()
        {
            ["sql"] = Facet(new() { ["query"] = new string('x', SmallLimitsApiFactory.MaxBodyBytes + 1) }),
        });

        var response = await Api.PostAsync("/api/v1/lineage", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("larger than the limit", response.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Status);
    }
}
