namespace Mastro.Core.Storage;

/// <summary>
/// Group commit: items submitted while a batch is being written wait and are written together in the next batch
/// (one transaction, one fsync, however many arrived), in the order submitted. A submitter returns once its item's
/// batch has committed, or with its item's own failure.
/// </summary>
/// <param name="writeBatch">Writes a batch and settles every entry of it; an exception it lets out fails the entries it left unsettled.</param>
/// <param name="maxBatch">At most this many items per batch, which bounds a transaction's size and the wait of its first item.</param>
public sealed class GroupCommit<TItem>(Func<IReadOnlyList<GroupCommit<TItem>.Entry>, Task> writeBatch, int maxBatch)
{
    /// <summary>One submitted item and the outcome its submitter waits for.</summary>
    public sealed class Entry(TItem item)
    {
        private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TItem Item => item;

        public Task Written => _written.Task;

        public void Succeed() => _written.TrySetResult();

        public void Fail(Exception exception) => _written.TrySetException(exception);
    }

    private readonly Lock _gate = new();
    private readonly List<Entry> _queue = [];
    private bool _writing;

    public async Task SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new Entry(item);
        bool startWriter;
        lock (_gate)
        {
            _queue.Add(entry);
            startWriter = !_writing;
            _writing = true;
        }
        if (startWriter)
        {
            // The writer is no submitter's: it writes other submitters' items too, so it neither takes this one's
            // ambient context (request scope, trace) nor ends with it.
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        try
        {
            await entry.Written.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Still queued: it will never be written. Already in a batch: that batch commits or not, unacknowledged either way.
            lock (_gate)
                _queue.Remove(entry);
            throw;
        }
    }

    /// <summary>Writes batches until the queue is empty; one runs at a time, so batches commit in the order submitted.</summary>
    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Entry> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = _queue.GetRange(0, Math.Min(_queue.Count, maxBatch));
                _queue.RemoveRange(0, batch.Count);
            }

            try
            {
                await writeBatch(batch);
            }
            catch (Exception e)
            {
                foreach (var entry in batch)
                    entry.Fail(e);
            }
        }
    }
}
