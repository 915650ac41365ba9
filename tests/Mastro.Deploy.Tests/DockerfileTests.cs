using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mastro.Deploy.Tests.Support;
using Mastro.Testing;

namespace Mastro.Deploy.Tests;

/// <summary>
/// The Dockerfile cannot be built here (no Docker engine), so what can be checked is checked: it publishes with
/// the script the tests run, ships only that output, runs the binary as the non-root user the pods expect, and
/// contains every command the manifests run in the image.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile Image = Dockerfile.Parse(File.ReadAllText(DeployPaths.Dockerfile));

    private static string AssemblyName =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Mastro", "Mastro.csproj")).Descendants("AssemblyName").Single().Value;

    [Fact]
    public void The_build_stage_runs_the_publish_script_and_the_image_ships_only_its_output_with_the_binary_as_entrypoint()
    {
        var copy = Assert.Single(Image.Final.All("COPY")).Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("--from=", copy[0]);
        var (buildStage, published, installed) = (copy[0]["--from=".Length..], copy[1], copy[2]);

        var publish = Assert.Single(Image.Named(buildStage).All("RUN"), run => run.Arguments.Contains("deploy/publish.sh", StringComparison.Ordinal));
        Assert.Equal(["sh", "deploy/publish.sh", published], publish.Arguments.Split(' ')[..3]);
        Assert.Equal([$"{installed}/{AssemblyName}"], Image.Final.Last("ENTRYPOINT")!.ExecForm);
        // Self-contained: the runtime image needs the native dependencies only, not a .NET runtime.
        Assert.Contains("/dotnet/runtime-deps:", Image.Final.Image);
    }

    [Fact]
    public async Task The_image_user_is_numeric_non_root_and_the_one_every_Mastro_pod_runs_as()
    {
        var user = Image.Final.Last("USER")!.Arguments.Split(':');
        Assert.True(int.TryParse(user[0], out var uid) && uid > 0, $"USER {user[0]} must be a numeric non-root uid (runAsNonRoot checks it)");
        var gid = int.Parse(user[1]);

        var pods = (await Rendering.AllAsync()).SelectMany(r => r.Pods)
            .Where(p => p.Containers.Any(c => c.Image.Split(':')[0] == Container.MastroImage))
            .ToList();
        Assert.NotEmpty(pods);
        Assert.All(pods, pod =>
        {
            Assert.Equal(uid, pod.Spec["securityContext"]!["runAsUser"]!.GetValue<int>());
            Assert.Equal(gid, pod.Spec["securityContext"]!["runAsGroup"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task The_image_exposes_the_port_the_server_containers_listen_on()
    {
        var exposed = int.Parse(Image.Final.Last("EXPOSE")!.Arguments);

        var servers = (await Task.WhenAll(DeployPaths.ServerOverlays.Select(Rendering.OfAsync))).SelectMany(r => r.MastroContainers).ToList();
        Assert.NotEmpty(servers);
        Assert.All(servers, c => Assert.Equal(exposed, c.PortNamed(ServerWiringTests.RestPort)));
    }

    /// <summary>The Debian/Ubuntu package that provides each command the manifests run in the Mastro image.</summary>
    private static readonly Dictionary<string, string> PackageOf = new()
    {
        ["k5start"] = "kstart",
        ["klist"] = "krb5-user",
        ["kinit"] = "krb5-user",
    };

    [Fact]
    public async Task The_image_installs_every_command_the_manifests_run_in_it()
    {
        var containers = (await Rendering.AllAsync()).SelectMany(r => r.Pods).SelectMany(p => p.Containers)
            .Where(c => c.Image.Split(':')[0] == Container.MastroImage);
        var commands = containers
            .SelectMany(c => new[] { c.Command }.Concat(
                new[] { "startupProbe", "livenessProbe", "readinessProbe" }.Select(p => c.Json[p]?["exec"]?["command"].Strings() ?? [])))
            .Where(command => command.Count > 0)
            .Select(command => command[0])
            .ToHashSet();
        var installed = Image.Final.All("RUN")
            .SelectMany(run => Regex.Matches(run.Arguments, @"apt-get install ([^&;]*)").Select(m => m.Groups[1].Value))
            .SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith('-')))
            .ToHashSet();

        Assert.NotEmpty(commands);
        Assert.All(commands, command =>
        {
            Assert.True(PackageOf.TryGetValue(command, out var package), $"which package provides {command}? add it to {nameof(PackageOf)} and to the Dockerfile");
            Assert.Contains(package, installed);
        });
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs_tools_and_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet();

        Assert.Superset(new HashSet<string> { ".git", ".tools", "**/bin", "**/obj", "**/node_modules" }, ignored);
    }
}
