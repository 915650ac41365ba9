using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mastro.Web.Tests;

/// <summary>Runs reported through OpenLineage (docs/LINEAGE-API.md), as the runs page and a job's asset page show them.</summary>
[Collection(WebUiCollection.Name)]
public sealed class RunsTests(WebUiFixture server)
{
    [Fact]
    public async Task Runs_show_state_duration_and_error()
    {
        var job = $"nightly_orders_{Guid.NewGuid():N}";
        var completed = Guid.NewGuid().ToString();
        var failed = Guid.NewGuid().ToString();
        await PostEventAsync(RunEvent("START", completed, job, "2024-05-01T10:00:00Z"));
        await PostEventAsync(RunEvent("COMPLETE", completed, job, "2024-05-01T10:01:30Z"));
        await PostEventAsync(RunEvent("START", failed, job, "2024-05-02T10:00:00Z"));
        await PostEventAsync(RunEvent("FAIL", failed, job, "2024-05-02T10:00:05Z", error: "division by zero"));
        var jobAsset = await JobOfRunAsync(failed);

        await using var ui = await server.OpenAsync($"/ui/runs?job={Uri.EscapeDataString(jobAsset)}");
        var rows = ui.Page.Locator("table.runs tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        // Newest first: the failed run, then the completed one.
        await Expect(rows.Nth(0)).ToContainTextAsync("FAIL");
        await Expect(rows.Nth(0)).ToContainTextAsync("division by zero");
        await Expect(rows.Nth(0)).ToContainTextAsync("5.0 s");
        await Expect(rows.Nth(1)).ToContainTextAsync("COMPLETE");
        await Expect(rows.Nth(1)).ToContainTextAsync("1 min 30 s");
        await Expect(rows.Nth(1)).ToContainTextAsync("2024-05-01 10:00 UTC");
        await ui.ScreenshotAsync("runs");

        await using var asset = await server.OpenAsync($"/ui/asset/{Uri.EscapeDataString(jobAsset)}");
        await Expect(asset.Page.GetByRole(AriaRole.Region, new() { Name = "Recent runs" }).Locator("tbody tr")).ToHaveCountAsync(2);
    }

    private async Task PostEventAsync(JsonObject runEvent)
    {
        using var response = await server.Http.PostAsync("/api/v1/lineage", new StringContent(runEvent.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> JobOfRunAsync(string runId)
    {
        using var run = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/v1/lineage/runs/{runId}"));
        return run.RootElement.GetProperty("job").GetString()!;
    }

    private static JsonObject RunEvent(string type, string runId, string job, string time, string? error = null)
    {
        var runFacets = new JsonObject();
        if (error is not null)
            runFacets["errorMessage"] = new JsonObject
            {
                ["_producer"] = "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
                ["_schemaURL"] = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
                ["message"] = error,
                ["programmingLanguage"] = "python",
            };
        return new JsonObject
        {
            ["eventType"] = type,
            ["eventTime"] = time,
            ["producer"] = "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            ["run"] = new JsonObject { ["runId"] = runId, ["facets"] = runFacets },
            ["job"] = new JsonObject { ["namespace"] = "mastro-ui-tests", ["name"] = job, ["facets"] = new JsonObject() },
            ["inputs"] = new JsonArray(new JsonObject { ["namespace"] = "file", ["name"] = $"/data/{job}/in.csv", ["facets"] = new JsonObject() }),
            ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = "file", ["name"] = $"/data/{job}/out.parquet", ["facets"] = new JsonObject() }),
        };
    }
}
