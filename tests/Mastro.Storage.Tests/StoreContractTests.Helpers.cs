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

    /// <summary>
    /// A write that <see cref="StartOnceAndWait"/> starts from inside a store's read-then-write transaction (the first
    /// time it runs), waiting up to half a second for it. A store that holds the write off until its own commit lets
    /// the wait time out; one that lets it through must notice it before committing.
    /// </summary>
    private sealed class ConcurrentWrite<T>
    {
        private readonly Func<Task<T>> _write;
        private Task<T>? _running;

        public ConcurrentWrite(Func<Task<T>> write)
        {
            _write = write;
            // The transaction blocks a pool thread while it waits, and the write needs free ones: without enough
            // threads at hand, the pool would add one only after about half a second.
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
        }

        /// <summary>The write, once started.</summary>
        public Task<T> Completion => _running ?? throw new InvalidOperationException("the write was never started");

        public void StartOnceAndWait()
        {
            if (_running is not null) return;
            _running = Task.Run(_write);
            SpinWait.SpinUntil(() => _running.IsCompleted, TimeSpan.FromMilliseconds(500));
        }
    }
}
