using System.Net;
using Mastro.Core.Lineage;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Server.Lineage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using static Mastro.Server.Tests.Api.LineageEvents;

namespace Mastro.Server.Tests.Api;

/// <summary>Retention runs in the background service; it removes raw events and runs, never assets.</summary>
public abstract class LineageRetentionApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public void The_retention_service_runs_in_the_catalogue_server()
    {
        Assert.Single(Factory.Services.GetServices<IHostedService>().OfType<LineageRetentionService>());
    }

    [Fact]
    public async Task A_retention_pass_deletes_runs_and_events_older_than_the_retention_and_keeps_the_assets()
    {
        var (runId, job) = (Guid.NewGuid().ToString(), Unique("nightly"));
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/lineage",
            RunEvent("COMPLETE", runId, T0, "spark", job, outputs: [Dataset("s3://lake", job)]))).Status);
        var services = Factory.Services;
        var settings = Factory.Settings;

        var now = new LineageRetentionService(services.GetRequiredService<LineageService>(), settings, TimeProvider.System,
            NullLogger<LineageRetentionService>.Instance);
        Assert.NotNull(await now.RunOnceAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Status);

        var later = new LaterClock(settings.LineageRetention + TimeSpan.FromMinutes(1));
        var store = services.GetRequiredService<IMastroStore>();
        var lineage = new LineageService(store.Lineage, new AssetCatalogue(store.Assets, later), later);
        var result = await new LineageRetentionService(lineage, settings, later, NullLogger<LineageRetentionService>.Instance)
            .RunOnceAsync(CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Events >= 1 && result.Runs >= 1, $"deleted {result}");
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/asset/name/spark/{job}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/asset/name/s3://lake/{job}")).Status);
    }
}

public sealed class SqliteLineageRetentionApiTests(SqliteApiFactory factory) : LineageRetentionApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresLineageRetentionApiTests(PostgresApiFactory factory) : LineageRetentionApiTests(factory), IClassFixture<PostgresApiFactory>;
