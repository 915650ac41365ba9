using System.Runtime.CompilerServices;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Push;

/// <summary>
/// Direct mode: the crawler writes to the catalogue's store itself (same validation and timestamps as the HTTP
/// API, through <see cref="AssetCatalogue"/>), for deployments without a running catalogue service.
/// </summary>
public sealed class DirectAssetSink(IMastroStore store, TimeProvider clock, RetryPolicy policy, ILogger logger)
    : AssetSinkBase(policy, logger, $"{store.Backend} store (direct)")
{
    private readonly AssetCatalogue _catalogue = new(store.Assets, clock);

    protected override async Task<IReadOnlySet<string>> UpsertAsync(IReadOnlyList<Asset> assets, bool ifUnchanged, CancellationToken cancellationToken)
    {
        try
        {
            return Names(ifUnchanged
                ? await _catalogue.UpsertUnchangedAsync(assets, cancellationToken)
                : await _catalogue.UpsertAsync(assets, cancellationToken));
        }
        catch (ValidationFailedException e)
        {
            throw new PermanentSendException(e.Message);
        }
        catch (StoreUnavailableException e)
        {
            throw new TransientSendException(e.Message, e);
        }
    }

    public override async IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = LabelFilter.FromSingleValues(new Dictionary<string, string> { [CrawlerLabels.Crawler] = crawlerName });
        for (long page = 1; page > 0;)
        {
            var result = await _catalogue.FindByLabelsAsync(filter, PageRequest.Of(page, PageRequest.MaxLimit), cancellationToken);
            foreach (var asset in result.Data) yield return asset;
            page = result.Pagination.Next;
        }
    }

    public override ValueTask DisposeAsync() => store.DisposeAsync();
}
