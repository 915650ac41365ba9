using Mastro.Deploy.Tests.Support;
using Mastro.Testing;

namespace Mastro.Deploy.Tests;

/// <summary>Every Kustomize entry point renders offline and every object it yields is a valid Kubernetes object.</summary>
public sealed class ManifestSchemaTests
{
    public static TheoryData<string> EntryPoints => new(DeployPaths.EntryPoints);

    [Fact]
    public void The_server_overlays_and_the_three_ways_of_running_a_crawler_are_entry_points()
    {
        Assert.Equal(["overlays/postgres", "overlays/sqlite-single"], DeployPaths.ServerOverlays);
        Assert.True(DeployPaths.Crawlers.Count >= 3, string.Join(", ", DeployPaths.Crawlers));
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Renders_to_objects_that_match_the_Kubernetes_schemas(string entryPoint)
    {
        var rendering = await Rendering.OfAsync(entryPoint);

        Assert.NotEmpty(rendering.Objects);
        Assert.True(rendering.SchemaErrors.Count == 0, string.Join("\n", rendering.SchemaErrors));
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Everything_is_in_the_mastro_namespace_with_unique_names(string entryPoint)
    {
        var rendering = await Rendering.OfAsync(entryPoint);

        Assert.All(rendering.Objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal("mastro", o.Namespace));
        var duplicates = rendering.Objects.GroupBy(o => (o.Kind, o.Name)).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public async Task The_validator_reports_wrong_types_missing_fields_and_unknown_kinds()
    {
        using var directory = new TempDirectory();
        var manifest = directory.File("broken.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: no-selector
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: mastro
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: port-as-text
            spec:
              ports:
                - port: "8085"
            ---
            apiVersion: example.com/v1
            kind: Gadget
            metadata:
              name: unknown
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: fine
            data:
              key: value
            """);

        var result = await ManifestValidator.ValidateAsync(manifest);

        Assert.Equal(4, result.Objects.Count);
        Assert.Collection(result.Errors,
            e => Assert.Contains("Deployment no-selector: data/spec must have required property selector", e),
            e => Assert.Contains("Service port-as-text: data/spec/ports/0/port must be integer", e),
            e => Assert.Contains("Gadget unknown: unknown apiVersion/kind example.com/v1/Gadget", e));
    }
}
