using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mastro.Server.Tests.Api;

/// <summary>Base of the API suites: a client that never follows redirects (both slash variants must answer directly).</summary>
public abstract class ApiTestBase(MastroApiFactory factory)
{
    protected MastroApiFactory Factory { get; } = factory;

    protected ApiClient Api { get; } = new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>A name no other test uses, so tests can share one database.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected static JsonObject Asset(string name, string type = "dataset", string description = "", string[]? tags = null, JsonObject? labels = null) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["description"] = description,
        ["tags"] = new JsonArray((tags ?? []).Select(t => (JsonNode)t).ToArray()),
        ["labels"] = labels ?? new JsonObject(),
    };

    protected static JsonArray Array(params JsonNode[] items) => new(items);

    protected static IReadOnlyList<string> Names(JsonNode page) =>
        page["data"]!.AsArray().Select(a => (string)a!["name"]!).ToList();
}
