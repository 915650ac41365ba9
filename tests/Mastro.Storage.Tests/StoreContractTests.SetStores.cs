using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;

namespace Mastro.Storage.Tests;

/// <summary>
/// Feature sets and metric sets behave alike: each behaviour is written once against <see cref="ISetStore"/>
/// and run on both kinds through <c>[InlineData(FeatureSets)]</c> / <c>[InlineData(MetricSets)]</c>.
/// </summary>
public abstract partial class StoreContractTests
{
    protected const string FeatureSets = "featureset";
    protected const string MetricSets = "metricset";

    private const string SampleFeatures = """[{"name": "clicks", "value": 3, "data_type": "int"}]""";
    private const string SampleMetrics = """
        [{"resultKey": {"dataSetDate": 1630876393300, "tags": {"env": "test"}},
          "analyzerContext": {"metricMap": [{"analyzer": {"analyzerName": "Size"},
                                             "metric": {"metricName": "DoubleMetric", "entity": "Dataset", "instance": "*", "name": "Size", "value": 5.0}}]}}]
        """;

    private DateTimeOffset _lastInsertedAt = TestData.SomeTime;

    private ISetStore Sets(string kind) => kind switch
    {
        FeatureSets => new SetStore<FeatureSet>(Store.FeatureSets, VersionedSetKinds.FeatureSets, SampleFeatures),
        MetricSets => new SetStore<MetricSet>(Store.MetricSets, VersionedSetKinds.MetricSets, SampleMetrics),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A set header; unless given, <c>inserted_at</c> is one second after the previous header's.</summary>
    private VersionedSetHeader Header(
        string name, string version = "v1", string description = "", IReadOnlyDictionary<string, string>? labels = null,
        DateTimeOffset? insertedAt = null)
    {
        _lastInsertedAt = insertedAt ?? _lastInsertedAt.AddSeconds(1);
        return new VersionedSetHeader(name, version, description, labels ?? new Dictionary<string, string>(), _lastInsertedAt);
    }

    private interface ISetStore
    {
        /// <summary>Stores a set with this header and the kind's sample payload.</summary>
        Task<string> InsertAsync(VersionedSetHeader header);
        Task<IVersionedSet?> FindByIdAsync(string id);
        Task<Page<IVersionedSet>> FindByNameAsync(string name, PageRequest page);
        Task<Page<IVersionedSet>> FindByLabelsAsync(LabelFilter filter, PageRequest page);
        Task<Page<IVersionedSet>> SearchAsync(SearchQuery query, PageRequest page);
        Task<Page<IVersionedSet>> ListAsync(PageRequest page);
        string SamplePayload { get; }
        string PayloadOf(IVersionedSet set);
    }

    private sealed class SetStore<TSet>(IVersionedSetStore<TSet> store, VersionedSetKind<TSet> kind, string samplePayload) : ISetStore
        where TSet : IVersionedSet
    {
        public string SamplePayload => samplePayload;

        public string PayloadOf(IVersionedSet set) => kind.SerializePayload((TSet)set);

        public Task<string> InsertAsync(VersionedSetHeader header) =>
            store.InsertAsync(kind.Create(header, samplePayload), NoCancellation);

        public async Task<IVersionedSet?> FindByIdAsync(string id) => await store.FindByIdAsync(id, NoCancellation);

        public async Task<Page<IVersionedSet>> FindByNameAsync(string name, PageRequest page) =>
            Upcast(await store.FindByNameAsync(name, page, NoCancellation));

        public async Task<Page<IVersionedSet>> FindByLabelsAsync(LabelFilter filter, PageRequest page) =>
            Upcast(await store.FindByLabelsAsync(filter, page, NoCancellation));

        public async Task<Page<IVersionedSet>> SearchAsync(SearchQuery query, PageRequest page) =>
            Upcast(await store.SearchAsync(query, page, NoCancellation));

        public async Task<Page<IVersionedSet>> ListAsync(PageRequest page) => Upcast(await store.ListAsync(page, NoCancellation));

        private static Page<IVersionedSet> Upcast(Page<TSet> page) => page.Map(set => (IVersionedSet)set);
    }
}
