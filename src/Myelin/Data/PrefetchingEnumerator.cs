using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Myelin.Data;

/// <summary>
/// Enumerates a sequence that a worker thread produces ahead of the consumer, keeping at most
/// <c>capacity</c> items waiting. The worker starts at the first <see cref="MoveNext"/>; an
/// exception it meets is thrown by <see cref="MoveNext"/> once the items before it have been
/// taken, as the sequence itself would have thrown it. <see cref="Dispose"/> stops the worker
/// and waits for it, so nothing runs in the background after the enumeration ends.
/// </summary>
internal sealed class PrefetchingEnumerator<T> : IEnumerator<T>
{
    readonly IEnumerable<T> source;
    readonly BlockingCollection<T> queue;
    readonly CancellationTokenSource stop = new();
    Thread? worker;
    ExceptionDispatchInfo? workerError;
    T current = default!;
    bool finished;
    bool disposed;

    public PrefetchingEnumerator(IEnumerable<T> source, int capacity)
    {
        this.source = source;
        queue = new BlockingCollection<T>(new ConcurrentQueue<T>(), capacity);
    }

    public T Current => current;

    object? IEnumerator.Current => current;

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (finished) return false;
        if (worker is null)
        {
            worker = new Thread(Produce) { IsBackground = true, Name = "Myelin DataLoader prefetch" };
            worker.Start();
        }
        if (queue.TryTake(out var item, Timeout.Infinite))
        {
            current = item;
            return true;
        }
        // The worker has finished: either the sequence ended or it failed.
        finished = true;
        workerError?.Throw();
        return false;
    }

    void Produce()
    {
        try
        {
            foreach (var item in source)
            {
                // Blocks while the queue is full; throws OperationCanceledException once disposed.
                queue.Add(item, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The consumer stopped early: nothing to report.
        }
        catch (Exception error)
        {
            // Recorded before CompleteAdding, so the consumer sees it once the queue drains.
            workerError = ExceptionDispatchInfo.Capture(error);
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    public void Reset() => throw new NotSupportedException("A data loader epoch cannot be reset; enumerate the loader again.");

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        stop.Cancel();
        worker?.Join();
        stop.Dispose();
        queue.Dispose();
    }
}
