using System.Text.Json;
using Mastro.Core.Lineage.Events;
using Mastro.Core.Lineage.Naming;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;
using Mastro.Core.Validation;

namespace Mastro.Core.Lineage.Mapping;

/// <summary>
/// Turns an OpenLineage event into catalogue changes: the job becomes a <c>pipeline</c> asset depending on its
/// inputs, each output depends on the job, facets become labels, symlinked names become aliases of one asset.
/// Pure: what the catalogue already holds comes in as a <see cref="CatalogueView"/>.
/// </summary>
public static class LineageMapper
{
    private static readonly JsonElement NoTransformations = JsonSerializer.SerializeToElement(Array.Empty<string>(), LineageJsonContext.Default.StringArray);

    /// <summary>Every name the event may refer to an asset by; the caller looks these up to build the <see cref="CatalogueView"/>.</summary>
    public static IReadOnlyCollection<string> NamesToLookUp(OpenLineageEvent lineageEvent)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (lineageEvent.Job is { } job)
            names.Add(JobNames.AssetName(job.Namespace, job.Name));
        foreach (var mention in DatasetMention.All(lineageEvent))
        {
            names.UnionWith(mention.Names.Select(n => n.AssetName));
            names.UnionWith(ColumnInputs(mention).Select(input => InputIdentity(input).AssetName));
        }
        return names;
    }

    /// <exception cref="ValidationFailedException">A name the event gives cannot be an asset name (too long, control characters, empty).</exception>
    public static LineagePlan Map(OpenLineageEvent lineageEvent, CatalogueView view, DateTimeOffset receivedAt)
    {
        var problems = new List<string>();
        var drafts = new Dictionary<string, AssetDraft>(StringComparer.Ordinal);
        AssetDraft Draft(string name, string typeIfNew) =>
            drafts.TryGetValue(name, out var draft) ? draft : drafts[name] = new AssetDraft(view.Find(name), name, typeIfNew);

        AssetDraft? job = null;
        if (lineageEvent.Job is { } eventJob)
        {
            var jobName = JobNames.AssetName(eventJob.Namespace, eventJob.Name);
            CheckName(problems, jobName, "$.job", "job name");
            job = Draft(jobName, AssetTypes.Pipeline);
            FacetLabels.ApplyJobFacets(job, eventJob.Facets);
            ApplyParent(job, lineageEvent.Run);
        }

        var mentions = DatasetMention.All(lineageEvent);
        var canonical = CanonicalNames(mentions, view);
        var aliases = new Dictionary<string, AssetAlias>(StringComparer.Ordinal);
        var columnLineage = new List<ColumnLineage>();
        var resolveInput = InputResolver(mentions, canonical, view);
        foreach (var mention in mentions)
        {
            var (name, type) = canonical[mention];
            CheckName(problems, name, mention.Path, "dataset name");
            var dataset = Draft(name, type);
            FacetLabels.ApplyDatasetFacets(dataset, mention.Dataset.Facets);
            if (job is not null && mention.Role == DatasetRole.Output) dataset.AddDependency(job.Name);
            if (job is not null && mention.Role == DatasetRole.Input) job.AddDependency(name);

            foreach (var other in mention.Names.Where(n => n.AssetName != name))
            {
                CheckName(problems, other.AssetName, mention.Path, "alias name");
                aliases[other.AssetName] = new AssetAlias(other.AssetName, name);
            }
            if (ColumnLineageOf(mention, name, lineageEvent.EventTime, resolveInput) is { } columns)
                columnLineage.Add(columns);
        }

        if (problems.Count > 0)
            throw new ValidationFailedException(problems.Distinct().ToList());
        return new LineagePlan(
            drafts.Values.Select(d => d.ToAsset()).ToList(),
            aliases.Values.ToList(),
            columnLineage,
            RunObservationOf(lineageEvent, job?.Name, receivedAt));
    }

    /// <summary>
    /// One asset per dataset: mentions sharing any name (directly or through an alias) are one dataset. Its asset is
    /// the first of its names, in order of preference, that the catalogue already has (so crawled assets are
    /// enriched, not duplicated); failing that, the most preferred name.
    /// </summary>
    private static Dictionary<DatasetMention, DatasetIdentity> CanonicalNames(IReadOnlyList<DatasetMention> mentions, CatalogueView view)
    {
        var groups = new List<List<DatasetMention>>();
        foreach (var mention in mentions)
        {
            var names = KnownNames(mention, view);
            var joined = groups.Where(g => g.Any(other => KnownNames(other, view).Overlaps(names))).ToList();
            var group = new List<DatasetMention>([.. joined.SelectMany(g => g), mention]);
            groups.RemoveAll(joined.Contains);
            groups.Add(group);
        }

        var result = new Dictionary<DatasetMention, DatasetIdentity>(ReferenceEqualityComparer.Instance);
        foreach (var group in groups)
        {
            // Table names first across the whole group: one mention may give only the path, another its table too.
            var preference = group.SelectMany(m => m.Tables).Concat(group.SelectMany(m => m.Names))
                .DistinctBy(n => n.AssetName, StringComparer.Ordinal).ToList();
            var existing = preference.FirstOrDefault(n => view.Find(view.Resolve(n.AssetName)) is not null);
            var chosen = existing ?? preference[0];
            var identity = chosen with { AssetName = view.Resolve(chosen.AssetName) };
            foreach (var mention in group) result[mention] = identity;
        }
        return result;
    }

    private static HashSet<string> KnownNames(DatasetMention mention, CatalogueView view) =>
        new(mention.Names.SelectMany(n => (string[])[n.AssetName, view.Resolve(n.AssetName)]), StringComparer.Ordinal);

    /// <summary>Asset name of a column-lineage input: the asset chosen for it in this event if it is mentioned, else the catalogue's.</summary>
    private static Func<string, string> InputResolver(
        IReadOnlyList<DatasetMention> mentions, Dictionary<DatasetMention, DatasetIdentity> canonical, CatalogueView view)
    {
        var inEvent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        foreach (var name in mention.Names)
            inEvent.TryAdd(name.AssetName, canonical[mention].AssetName);
        return name => inEvent.GetValueOrDefault(name) ?? view.Resolve(name);
    }

    private static ColumnLineage? ColumnLineageOf(DatasetMention mention, string dataset, DateTimeOffset eventTime, Func<string, string> resolve)
    {
        var facet = Facets.Read(mention.Dataset.Facets, "columnLineage", LineageJsonContext.Default.ColumnLineageFacet);
        if (facet is { Deleted: false, Value: null })
            return null;
        ColumnLineageInput Input(ColumnLineageFacetInput input) => new(
            resolve(InputIdentity(input).AssetName), input.Namespace ?? "", input.Name ?? "", input.Field ?? "",
            input.Transformations is { ValueKind: JsonValueKind.Array } transformations ? transformations : NoTransformations);
        return new ColumnLineage
        {
            Dataset = dataset,
            // A deleted facet leaves no column lineage: an empty list replaces what was stored.
            Columns = (facet.Value?.Fields ?? new Dictionary<string, ColumnLineageFacetField>())
                .Select(field => new ColumnLineageColumn(
                    field.Key,
                    (field.Value.InputFields ?? []).Select(Input).ToList(),
                    field.Value.TransformationDescription,
                    field.Value.TransformationType))
                .ToList(),
            DatasetDependencies = (facet.Value?.Dataset ?? []).Select(Input).ToList(),
            UpdatedAt = eventTime,
        };
    }

    private static IEnumerable<ColumnLineageFacetInput> ColumnInputs(DatasetMention mention)
    {
        var facet = Facets.Read(mention.Dataset.Facets, "columnLineage", LineageJsonContext.Default.ColumnLineageFacet).Value;
        return [.. (facet?.Fields?.Values ?? []).SelectMany(f => f.InputFields ?? []), .. facet?.Dataset ?? []];
    }

    private static DatasetIdentity InputIdentity(ColumnLineageFacetInput input) => DatasetNames.Identify(input.Namespace ?? "", input.Name ?? "");

    /// <summary>The job that started this run (an Airflow DAG for a task, a Spark application for an action).</summary>
    private static void ApplyParent(AssetDraft job, OpenLineageRun? run)
    {
        if (Facets.Read(run?.Facets, "parent", LineageJsonContext.Default.ParentRunFacet).Value?.Job is { Namespace: { } ns, Name: { } name })
        {
            var parent = JobNames.AssetName(ns, name);
            if (parent != job.Name)
                job.SetLabel("parent-job", JsonSerializer.SerializeToElement(parent, LineageJsonContext.Default.String));
        }
    }

    private static RunObservation? RunObservationOf(OpenLineageEvent lineageEvent, string? job, DateTimeOffset receivedAt) =>
        lineageEvent is { Kind: OpenLineageEventKind.Run, Run: { } run } && job is not null
            ? new RunObservation(
                run.RunId, job, RunStates.Of(lineageEvent.EventType), lineageEvent.EventTime,
                Facets.Read(run.Facets, "errorMessage", LineageJsonContext.Default.ErrorMessageFacet).Value?.Message,
                receivedAt)
            : null;

    private static void CheckName(List<string> problems, string name, string path, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
            problems.Add($"{path}: {what} is empty (namespace and name are both blank)");
        else if (NameRules.Problem(name, what) is { } problem)
            problems.Add($"{path}: {problem}");
    }
}
