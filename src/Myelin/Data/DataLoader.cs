using System.Collections;

namespace Myelin.Data;

/// <summary>
/// Reads a data set in batches: each enumeration is one epoch that yields every sample once,
/// grouped into (Input, Target) batches. PyTorch's <c>torch.utils.data.DataLoader</c>.
/// </summary>
/// <remarks>
/// <code>
/// foreach (var (x, y) in new DataLoader(train, batchSize: 64, shuffle: true, seed: 1))
/// {
///     // x: [64, F], y: [64]
/// }
/// </code>
/// With <c>shuffle</c>, every enumeration draws a new order from the loader's generator, so
/// epochs differ and a fixed seed gives the same sequence of epochs on every run. Batches of a
/// <see cref="IBatchDataset"/> (such as <see cref="TensorDataset"/> and its <see cref="Subset"/>s)
/// are gathered in one step; other data sets are read sample by sample and collated.
/// With <c>prefetch</c> &gt; 0 a worker thread loads the next batches while the current one is
/// used; disposing the enumerator (which <c>foreach</c> does, also on <c>break</c>) stops it.
/// </remarks>
public sealed class DataLoader : IReadOnlyCollection<(Tensor Input, Tensor Target)>
{
    readonly Generator generator;
    readonly Func<IReadOnlyList<(Tensor Input, Tensor Target)>, (Tensor Input, Tensor Target)>? collate;

    /// <summary>Creates a loader over <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The samples to load.</param>
    /// <param name="batchSize">Samples per batch (the last batch may be smaller unless <paramref name="dropLast"/>).</param>
    /// <param name="shuffle">Visit the samples in a new random order each epoch; otherwise in index order.</param>
    /// <param name="seed">Seed of the loader's own generator for shuffling; reproducible runs.</param>
    /// <param name="generator">A generator to draw the shuffle orders from instead of a seed. With neither,
    /// <see cref="Generator.Default"/> is used (reseed it with <see cref="Generator.ManualSeed"/>).</param>
    /// <param name="dropLast">Leave out the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    /// <param name="collate">Turns the list of samples of a batch into the batch; the default
    /// (<see cref="Collate.Stack"/>) stacks inputs and targets.</param>
    /// <param name="prefetch">How many batches a worker thread loads ahead; 0 (the default) loads on the
    /// enumerating thread.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1 or <paramref name="prefetch"/> is negative.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="seed"/> and <paramref name="generator"/> are given.</exception>
    public DataLoader(
        IDataset dataset,
        int batchSize = 1,
        bool shuffle = false,
        int? seed = null,
        Generator? generator = null,
        bool dropLast = false,
        Func<IReadOnlyList<(Tensor Input, Tensor Target)>, (Tensor Input, Tensor Target)>? collate = null,
        int prefetch = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"DataLoader: batchSize must be at least 1, got {batchSize}.");
        if (prefetch < 0)
            throw new ArgumentOutOfRangeException(nameof(prefetch), prefetch,
                $"DataLoader: prefetch must be 0 (no worker thread) or a positive number of batches, got {prefetch}.");
        if (seed is not null && generator is not null)
            throw new ArgumentException("DataLoader: pass either a seed or a generator, not both.", nameof(generator));
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Prefetch = prefetch;
        this.collate = collate;
        // A seed is widened bit for bit, so every int (negative ones too) names its own sequence.
        this.generator = generator ?? (seed is int s ? new Generator(unchecked((ulong)s)) : Generator.Default);
    }

    /// <summary>The data set the batches come from.</summary>
    public IDataset Dataset { get; }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a last, smaller batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>How many batches a worker thread loads ahead (0: none).</summary>
    public int Prefetch { get; }

    /// <summary>The number of batches in an epoch: ⌈N / BatchSize⌉, or ⌊N / BatchSize⌋ with <see cref="DropLast"/>.</summary>
    public int Count => BatchCount(Dataset.Count);

    /// <summary>
    /// Starts an epoch. The sample order is fixed here (drawn from the generator when shuffling),
    /// so each call gives a new epoch. Dispose the enumerator to stop a prefetching worker early.
    /// </summary>
    /// <remarks>Shape: each batch is Input [B, …] and Target [B, …], with B = <see cref="BatchSize"/>
    /// except possibly for the last batch.</remarks>
    public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
    {
        int[] order = SampleOrder();
        var batches = Batches(order);
        return Prefetch > 0
            ? new PrefetchingEnumerator<(Tensor Input, Tensor Target)>(batches, Prefetch)
            : batches.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    int BatchCount(int samples) =>
        samples / BatchSize + (!DropLast && samples % BatchSize != 0 ? 1 : 0);

    int[] SampleOrder()
    {
        int n = Dataset.Count;
        if (Shuffle) return generator.Permutation(n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }

    IEnumerable<(Tensor Input, Tensor Target)> Batches(int[] order)
    {
        int count = BatchCount(order.Length);
        for (int b = 0; b < count; b++)
        {
            int start = b * BatchSize;
            yield return LoadBatch(order, start, Math.Min(BatchSize, order.Length - start));
        }
    }

    (Tensor Input, Tensor Target) LoadBatch(int[] order, int start, int length)
    {
        var indices = order.AsSpan(start, length);
        if (collate is null && Dataset is IBatchDataset batched) return batched.GetBatch(indices);
        var samples = new (Tensor Input, Tensor Target)[length];
        for (int i = 0; i < length; i++) samples[i] = Dataset[indices[i]];
        if (collate is null) return Collate.Stack(samples);
        var batch = collate(samples);
        if (batch.Input is null || batch.Target is null)
            throw new InvalidOperationException("DataLoader: the collate function returned a null input or target.");
        return batch;
    }
}
