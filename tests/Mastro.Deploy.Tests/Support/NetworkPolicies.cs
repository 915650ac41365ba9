using System.Text.Json.Nodes;

namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// Kubernetes NetworkPolicy ingress semantics, for asking "may this pod reach that port": a pod selected by no
/// Ingress policy accepts everything; once selected, only what some rule of a selecting policy admits.
/// </summary>
public sealed class NetworkPolicies(IReadOnlyList<KubeObject> policies, string policyNamespace)
{
    public sealed record Peer(string Namespace, IReadOnlyDictionary<string, string> NamespaceLabels, IReadOnlyDictionary<string, string> PodLabels);

    public sealed record Port(string Name, int Number);

    public static NetworkPolicies Of(Rendering rendering) =>
        new(rendering.OfKind("NetworkPolicy").ToList(), "mastro");

    /// <summary>A pod in Mastro's namespace with these labels.</summary>
    public static Peer InNamespace(IReadOnlyDictionary<string, string> podLabels) =>
        new("mastro", new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "mastro" }, podLabels);

    /// <summary>Any pod in another namespace with these namespace labels.</summary>
    public static Peer FromNamespace(string name, IReadOnlyDictionary<string, string>? labels = null) =>
        new(name, new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { ["kubernetes.io/metadata.name"] = name },
            new Dictionary<string, string>());

    public bool Admits(Peer source, IReadOnlyDictionary<string, string> targetPodLabels, Port port)
    {
        var selecting = policies.Where(p => SelectsForIngress(p, targetPodLabels)).ToList();
        return selecting.Count == 0 || selecting.Any(p => p.Spec!["ingress"].Objects().Any(rule => RuleAdmits(rule, source, port)));
    }

    private static bool SelectsForIngress(KubeObject policy, IReadOnlyDictionary<string, string> labels) =>
        (policy.Spec!["policyTypes"].Strings() is var types && (types.Count == 0 || types.Contains("Ingress")))
        && LabelSelectors.Matches(policy.Spec["podSelector"], labels);

    private bool RuleAdmits(JsonObject rule, Peer source, Port port)
    {
        var ports = rule["ports"].Objects().ToList();
        var portAdmitted = ports.Count == 0 || ports.Any(p => p["port"] switch
        {
            null => true,
            JsonValue v when v.TryGetValue<int>(out var number) => number == port.Number,
            var v => v.ToString() == port.Name,
        });
        var peers = rule["from"].Objects().ToList();
        return portAdmitted && (rule["from"] is null || peers.Any(peer => PeerMatches(peer, source)));
    }

    private bool PeerMatches(JsonObject peer, Peer source)
    {
        if (peer["ipBlock"] is not null) return false; // pod-to-pod traffic only in these questions
        var namespaceMatches = peer["namespaceSelector"] is { } ns
            ? LabelSelectors.Matches(ns, source.NamespaceLabels)
            : source.Namespace == policyNamespace;
        var podMatches = peer["podSelector"] is not { } pods || LabelSelectors.Matches(pods, source.PodLabels);
        return namespaceMatches && podMatches;
    }
}
