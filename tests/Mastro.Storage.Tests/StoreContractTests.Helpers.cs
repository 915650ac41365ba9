using Mastro.Core.Model;
using Mastro.Core.Storage;

namespace Mastro.Storage.Tests;

public abstract partial class StoreContractTests
{
    private static readonly CancellationToken NoCancellation = CancellationToken.None;

    private Task UpsertAsync(params Asset[] assets) => Store.Assets.UpsertAsync(assets, NoCancellation);

    private Task<Asset?> FindAsync(string name) => Store.Assets.FindAsync(name, NoCancellation);

    private async Task<string[]> ListedNamesAsync() => TestDataAssert.Names(await Store.Assets.ListAsync(TestData.All, NoCancellation));

    /// <summary>
    /// A batch that cancels <paramref name="cancellation"/> when the store reads item <paramref name="cancelAt"/>,
    /// i.e. while the store is part-way through writing it.
    /// </summary>
    private sealed class CancellingBatch<T>(IReadOnlyList<T> items, int cancelAt, CancellationTokenSource cancellation)
        : IReadOnlyList<T>
    {
        public bool Cancelled => cancellation.IsCancellationRequested;

        public T this[int index]
        {
            get
            {
                if (index == cancelAt) cancellation.Cancel();
                return items[index];
            }
        }

        public int Count => items.Count;

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
                yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
