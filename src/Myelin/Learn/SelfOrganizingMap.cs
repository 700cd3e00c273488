namespace Myelin.Learn;

/// <summary>
/// Kohonen's self-organising map: a grid of cells, each holding a weight vector in the data's space.
/// Training pulls the best-matching cell for each sample — and, less strongly, its grid neighbours —
/// toward the sample, so that neighbouring cells end up representing similar data: a two-dimensional
/// map of a higher-dimensional data set, learned without labels.
/// </summary>
/// <remarks>
/// <para>One training step, for a sample x drawn at random:</para>
/// <code>
/// winner  = the cell c whose weights w_c are nearest to x
/// h_c     = exp(−(grid distance from c to winner)² / (2σ²))     // Gaussian neighbourhood
/// w_c    += η · h_c · (x − w_c)                                  // every cell, scaled by h_c
/// </code>
/// <para>
/// The learning rate η and the neighbourhood radius σ both decay exponentially from their initial to
/// their final values over the training run: first the whole map unfolds and orders itself, then each
/// cell fine-tunes to its own patch of data.
/// </para>
/// <para>Weights start uniform in [0, 1) (data such as colours in [0, 1] or standardised features both work).</para>
/// </remarks>
public sealed class SelfOrganizingMap
{
    // Squared grid distance between every pair of cells: [cells, cells].
    readonly Tensor gridDistanceSquared;

    /// <summary>Creates a map with random initial weights.</summary>
    /// <param name="rows">Grid rows (at least 1).</param>
    /// <param name="columns">Grid columns (at least 1).</param>
    /// <param name="features">The length of each data vector (at least 1).</param>
    /// <param name="generator">The source of the initial weights; null for <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below one.</exception>
    public SelfOrganizingMap(int rows, int columns, int features, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Rows = rows;
        Columns = columns;
        Features = features;
        Weights = Tensor.Rand([rows * columns, features], generator);
        InitialRadius = Math.Max(rows, columns) / 2.0;

        var distances = new float[CellCount * CellCount];
        for (int a = 0; a < CellCount; a++)
            for (int b = 0; b < CellCount; b++)
            {
                int dr = a / columns - b / columns, dc = a % columns - b % columns;
                distances[a * CellCount + b] = dr * dr + dc * dc;
            }
        gridDistanceSquared = Tensor.FromArray(distances, CellCount, CellCount);
    }

    /// <summary>Grid rows.</summary>
    public int Rows { get; }

    /// <summary>Grid columns.</summary>
    public int Columns { get; }

    /// <summary>The length of each weight (and data) vector.</summary>
    public int Features { get; }

    /// <summary>Rows × columns.</summary>
    public int CellCount => Rows * Columns;

    /// <summary>
    /// The cells' weight vectors, Float32 [rows·columns, features]; the cell at (row, column) is row
    /// <c>row·Columns + column</c>.
    /// </summary>
    public Tensor Weights { get; }

    /// <summary>The learning rate η at the start of training (default 0.5).</summary>
    public double InitialLearningRate { get; set; } = 0.5;

    /// <summary>The learning rate η at the end of training (default 0.01).</summary>
    public double FinalLearningRate { get; set; } = 0.01;

    /// <summary>The neighbourhood radius σ, in cells, at the start of training (default half the longer side).</summary>
    public double InitialRadius { get; set; }

    /// <summary>The neighbourhood radius σ at the end of training (default 0.5: the winner almost alone).</summary>
    public double FinalRadius { get; set; } = 0.5;

    /// <summary>Trains on random samples of the data, one sample per iteration.</summary>
    /// <param name="data">The samples, [N, features], floating-point.</param>
    /// <param name="iterations">How many samples to draw (at least 1).</param>
    /// <param name="generator">Picks the samples; null for <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentException">The data is not [N, features] with N ≥ 1, or a schedule value is not positive.</exception>
    public void Train(Tensor data, int iterations, Generator? generator = null)
    {
        CheckData(data, "Train");
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        foreach (var (name, value) in new[] { ("InitialLearningRate", InitialLearningRate), ("FinalLearningRate", FinalLearningRate), ("InitialRadius", InitialRadius), ("FinalRadius", FinalRadius) })
            if (!(value > 0) || !double.IsFinite(value))
                throw new ArgumentException($"SelfOrganizingMap.Train: {name} must be a positive number, got {value}.");

        var random = generator ?? Generator.Default;
        Tensor samples = data.To(DType.Float32);
        using var _ = Autograd.NoGrad();
        for (int t = 0; t < iterations; t++)
        {
            double progress = iterations == 1 ? 0 : (double)t / (iterations - 1);
            double rate = InitialLearningRate * Math.Pow(FinalLearningRate / InitialLearningRate, progress);
            double radius = InitialRadius * Math.Pow(FinalRadius / InitialRadius, progress);

            Tensor x = samples[random.NextInt(samples.Size(0))];
            Tensor difference = x - Weights;                                   // [cells, features]
            int winner = (int)difference.Square().Sum(1).ArgMin().Item<long>();
            Tensor neighbourhood = (gridDistanceSquared[winner] * (-1 / (2 * radius * radius))).Exp();
            Weights.AddInPlace(difference * neighbourhood.Unsqueeze(1), rate);
        }
    }

    /// <summary>The best-matching cell (the one with the nearest weights) of every sample. Shape: [N, features] → Int64 [N].</summary>
    /// <param name="data">The samples.</param>
    /// <returns>Cell indices, <c>row·Columns + column</c>.</returns>
    public long[] Assign(Tensor data)
    {
        CheckData(data, "Assign");
        using var _ = Autograd.NoGrad();
        Tensor x = data.To(DType.Float32);
        // ‖x − w‖² = ‖x‖² − 2·x·w + ‖w‖², for all pairs at once: [N, cells].
        Tensor distances = x.Square().Sum(1, keepDim: true) - 2 * x.MatMul(Weights.T) + Weights.Square().Sum(1).Unsqueeze(0);
        return distances.ArgMin(1).ToArray<long>();
    }

    /// <summary>The grid position of a cell index.</summary>
    /// <param name="cell">An index in [0, <see cref="CellCount"/>).</param>
    public (int Row, int Column) Position(int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, CellCount);
        return (cell / Columns, cell % Columns);
    }

    /// <summary>
    /// The most common label among the samples mapped to each cell, or −1 for a cell no sample maps to.
    /// Ties go to the smaller label.
    /// </summary>
    /// <param name="data">The samples, [N, features].</param>
    /// <param name="labels">Their class labels, integer [N], non-negative.</param>
    /// <returns>[rows, columns] labels.</returns>
    public int[,] MajorityLabels(Tensor data, Tensor labels)
    {
        var (cells, classes) = AssignWithLabels(data, labels);
        var counts = new Dictionary<int, Dictionary<long, int>>();
        for (int n = 0; n < cells.Length; n++)
        {
            if (!counts.TryGetValue((int)cells[n], out var perClass)) counts[(int)cells[n]] = perClass = [];
            perClass[classes[n]] = perClass.GetValueOrDefault(classes[n]) + 1;
        }
        var majority = new int[Rows, Columns];
        for (int cell = 0; cell < CellCount; cell++)
            majority[cell / Columns, cell % Columns] = counts.TryGetValue(cell, out var perClass)
                ? (int)perClass.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key
                : -1;
        return majority;
    }

    /// <summary>
    /// How well the map separates the classes without having seen them: the fraction of samples whose
    /// cell's majority label is their own label (1 when every cell holds a single class).
    /// </summary>
    /// <param name="data">The samples, [N, features].</param>
    /// <param name="labels">Their class labels, integer [N], non-negative.</param>
    public double Purity(Tensor data, Tensor labels)
    {
        var (cells, classes) = AssignWithLabels(data, labels);
        int[,] majority = MajorityLabels(data, labels);
        int agree = 0;
        for (int n = 0; n < cells.Length; n++)
            if (majority[cells[n] / Columns, cells[n] % Columns] == classes[n]) agree++;
        return (double)agree / cells.Length;
    }

    /// <summary>
    /// The mean Euclidean distance between the weights of grid neighbours (each cell and the cells to its
    /// right and below it). A well-ordered map has small values here compared with
    /// <see cref="MeanRandomPairDistance"/>.
    /// </summary>
    public double MeanNeighbourDistance()
    {
        float[] w = Weights.Contiguous().ToArray();
        double total = 0;
        int pairs = 0;
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                if (c + 1 < Columns) { total += Distance(w, r * Columns + c, r * Columns + c + 1); pairs++; }
                if (r + 1 < Rows) { total += Distance(w, r * Columns + c, (r + 1) * Columns + c); pairs++; }
            }
        return pairs == 0 ? 0 : total / pairs;
    }

    /// <summary>The mean Euclidean distance between the weights of randomly chosen pairs of different cells.</summary>
    /// <param name="pairs">How many pairs to average over (at least 1).</param>
    /// <param name="generator">Picks the pairs; null for <see cref="Generator.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The map has a single cell.</exception>
    public double MeanRandomPairDistance(int pairs = 1000, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        if (CellCount < 2) throw new InvalidOperationException("SelfOrganizingMap: a map of one cell has no pairs of cells.");
        var random = generator ?? Generator.Default;
        float[] w = Weights.Contiguous().ToArray();
        double total = 0;
        for (int p = 0; p < pairs; p++)
        {
            int a = random.NextInt(CellCount), b = random.NextInt(CellCount - 1);
            if (b >= a) b++;
            total += Distance(w, a, b);
        }
        return total / pairs;
    }

    /// <summary>
    /// The map as an RGB image, reading the first three weights of each cell as red, green and blue in
    /// [0, 1] (clamped): the picture of a map trained on colours. Each cell becomes a
    /// <paramref name="cellSize"/> × <paramref name="cellSize"/> square.
    /// </summary>
    /// <param name="cellSize">Pixels per cell side (at least 1).</param>
    /// <returns>The pixels for <see cref="PngWriter"/>: width <c>Columns·cellSize</c>, height <c>Rows·cellSize</c>.</returns>
    /// <exception cref="InvalidOperationException">The map has fewer than three features.</exception>
    public byte[] ToRgb(int cellSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellSize, 1);
        if (Features < 3)
            throw new InvalidOperationException($"SelfOrganizingMap.ToRgb: colours need three features, the map has {Features}.");
        float[] w = Weights.Contiguous().ToArray();
        int width = Columns * cellSize, height = Rows * cellSize;
        var pixels = new byte[3 * width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int cell = y / cellSize * Columns + x / cellSize;
                for (int channel = 0; channel < 3; channel++)
                    pixels[3 * (y * width + x) + channel] = (byte)Math.Round(255 * Math.Clamp(w[cell * Features + channel], 0f, 1f));
            }
        return pixels;
    }

    double Distance(float[] w, int a, int b)
    {
        double sum = 0;
        for (int f = 0; f < Features; f++)
        {
            double d = w[a * Features + f] - w[b * Features + f];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    (long[] Cells, long[] Labels) AssignWithLabels(Tensor data, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckData(data, "MajorityLabels");
        if (labels.DType is not (DType.Int64 or DType.Int32) || labels.Rank != 1 || labels.Size(0) != data.Size(0))
            throw new ArgumentException(
                $"SelfOrganizingMap: expected integer labels [{data.Size(0)}], one per sample, got {labels.DType} [{string.Join(", ", labels.Shape)}].",
                nameof(labels));
        long[] classes = labels.To(DType.Int64).ToArray<long>();
        if (classes.Any(c => c < 0))
            throw new ArgumentException("SelfOrganizingMap: labels must be non-negative class indices.", nameof(labels));
        return (Assign(data), classes);
    }

    void CheckData(Tensor data, string method)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank != 2 || data.Size(1) != Features || data.Size(0) == 0 || !data.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"SelfOrganizingMap.{method}: expected floating-point samples [N, {Features}] with N ≥ 1, got {data.DType} [{string.Join(", ", data.Shape)}].",
                nameof(data));
    }
}
