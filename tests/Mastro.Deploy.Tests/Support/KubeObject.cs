using System.Text.Json.Nodes;

namespace Mastro.Deploy.Tests.Support;

/// <summary>One rendered Kubernetes object, with the entry point it came from (for messages).</summary>
public sealed record KubeObject(string EntryPoint, JsonObject Json)
{
    public string Kind => Json.Text("kind") ?? "";
    public string Name => Json["metadata"].Text("name") ?? "";
    public string? Namespace => Json["metadata"].Text("namespace");
    public JsonNode? Spec => Json["spec"];

    /// <summary>The pod template of a workload (Deployment, StatefulSet, Job, CronJob); null for other kinds.</summary>
    public PodTemplate? Pod => Kind switch
    {
        "Deployment" or "StatefulSet" or "Job" or "DaemonSet" => new PodTemplate(this, Spec!["template"]!.AsObject()),
        "CronJob" => new PodTemplate(this, Spec!["jobTemplate"]!["spec"]!["template"]!.AsObject()),
        _ => null,
    };

    public override string ToString() => $"{EntryPoint}: {Kind} {Name}";
}

/// <summary>A pod template and the workload that owns it.</summary>
public sealed record PodTemplate(KubeObject Owner, JsonObject Template)
{
    public IReadOnlyDictionary<string, string> Labels => Template["metadata"]?["labels"].StringMap() ?? new Dictionary<string, string>();
    public JsonObject Spec => Template["spec"]!.AsObject();

    public IEnumerable<Container> Containers =>
        Spec["initContainers"].Objects().Select(c => new Container(this, c, IsInit: true))
            .Concat(Spec["containers"].Objects().Select(c => new Container(this, c, IsInit: false)));

    public JsonObject? Volume(string name) => Spec["volumes"].Objects().FirstOrDefault(v => v.Text("name") == name);

    public override string ToString() => Owner.ToString();
}

public sealed record Container(PodTemplate Pod, JsonObject Json, bool IsInit)
{
    public const string MastroImage = "mastro";

    public string Name => Json.Text("name") ?? "";
    public string Image => Json.Text("image") ?? "";

    /// <summary>The mastro image running its entrypoint (the binary), not another command such as the k5start sidecar.</summary>
    public bool RunsMastro => Image.Split(':')[0] == MastroImage && Json["command"] is null;

    public IReadOnlyList<string> Args => Json["args"].Strings();
    public IReadOnlyList<string> Command => Json["command"].Strings();
    public IEnumerable<JsonObject> Env => Json["env"].Objects();
    public IEnumerable<JsonObject> VolumeMounts => Json["volumeMounts"].Objects();
    public JsonNode? SecurityContext => Json["securityContext"];

    public string? EnvValue(string name) => Env.FirstOrDefault(e => e.Text("name") == name)?.Text("value");

    public int? PortNamed(string name) =>
        Json["ports"].Objects().FirstOrDefault(p => p.Text("name") == name)?["containerPort"]?.GetValue<int>();

    public override string ToString() => $"{Pod} container {Name}";
}
