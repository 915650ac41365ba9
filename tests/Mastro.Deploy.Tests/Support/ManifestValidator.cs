using System.Text.Json.Nodes;
using Mastro.Testing;

namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// Checks a YAML stream of Kubernetes objects against the Kubernetes OpenAPI schemas offline (validate.mjs with
/// npm kubernetes-models: types and required fields of every kind) and returns the parsed objects.
/// </summary>
public static class ManifestValidator
{
    public sealed record Result(IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors);

    public static async Task<Result> ValidateAsync(string manifestPath)
    {
        if (!File.Exists(Path.Combine(DeployPaths.Tools, "node_modules", "kubernetes-models", "package.json")))
            throw new InvalidOperationException(
                $"kubernetes-models is not installed in {DeployPaths.Tools}: run ./test.sh (npm install --prefix .tools kubernetes-models@5.1.0 js-yaml@4)");
        var resultPath = manifestPath + ".validation.json";
        await ExternalProcess.RunAsync(DeployPaths.Node, [DeployPaths.Validator, manifestPath, DeployPaths.Tools, resultPath]);
        var result = JsonNode.Parse(await File.ReadAllTextAsync(resultPath))!;
        return new Result(
            result["objects"].Objects().ToList(),
            result["errors"].Strings());
    }
}
