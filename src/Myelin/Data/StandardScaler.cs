namespace Myelin.Data;

/// <summary>
/// Standardises features: subtracts each feature's mean and divides by its standard deviation,
/// both learnt by <see cref="Fit"/> from training data, so every feature has mean 0 and standard
/// deviation 1 there. scikit-learn's <c>StandardScaler</c>.
/// </summary>
/// <remarks>
/// Fit on the training split only and apply the same statistics to validation and test data:
/// <code>
/// var scaler = new StandardScaler().Fit(train.Features);
/// Tensor xTrain = scaler.Transform(train.Features), xTest = scaler.Transform(test.Features);
/// </code>
/// The standard deviation is the population one (divided by N, as scikit-learn does). A
/// constant feature gets a standard deviation of 1, so it maps to 0 instead of dividing by zero.
/// Statistics are computed in double precision and kept in the features' dtype (Float32 for
/// integer features). <see cref="Transform"/> is made of tensor operations, so gradients flow
/// through it. Shape: Fit takes [N, F]; Transform and InverseTransform take […, F] and return the same shape.
/// </remarks>
public sealed class StandardScaler
{
    const string MeanKey = "mean";
    const string StdKey = "std";

    Tensor? mean;
    Tensor? std;

    /// <summary>Each feature's mean over the fitted samples. Shape: [F].</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public Tensor Mean => mean ?? throw NotFitted("Mean");

    /// <summary>Each feature's population standard deviation over the fitted samples, 1 for constant features. Shape: [F].</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public Tensor Std => std ?? throw NotFitted("Std");

    /// <summary>Whether <see cref="Fit"/> or <see cref="LoadStateDict"/> has set the statistics.</summary>
    public bool IsFitted => mean is not null;

    /// <summary>The number of features F the scaler was fitted on.</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public int NumFeatures => Mean.Shape[0];

    /// <summary>Learns each feature's mean and standard deviation from <paramref name="features"/>.</summary>
    /// <param name="features">Training features. Shape: [N, F] with N ≥ 1; values must be finite.</param>
    /// <returns>This scaler, to chain <c>new StandardScaler().Fit(x)</c>.</returns>
    /// <exception cref="ArgumentException">Not [N, F], no samples, or a NaN or infinite value.</exception>
    public StandardScaler Fit(Tensor features)
    {
        double[] values = ScalerInput.ReadTable(features, "StandardScaler.Fit", out int rows, out int columns);
        var means = new double[columns];
        var stds = new double[columns];
        for (int f = 0; f < columns; f++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < rows; i++)
            {
                double v = values[i * columns + f];
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            means[f] = sum / rows;
            // Two passes (mean first, then squared deviations) avoid the cancellation of Σx² − N·mean².
            double squares = 0;
            for (int i = 0; i < rows; i++)
            {
                double d = values[i * columns + f] - means[f];
                squares += d * d;
            }
            // A constant feature is detected exactly (min = max) rather than by a tiny computed spread.
            stds[f] = min == max ? 1 : Math.Sqrt(squares / rows);
            if (min == max) means[f] = min;
        }
        var dtype = ScalerInput.StatisticsType(features);
        mean = ScalerInput.Vector(means, dtype);
        std = ScalerInput.Vector(stds, dtype);
        return this;
    }

    /// <summary>Standardises <paramref name="features"/> with the fitted statistics: (x − Mean) / Std.</summary>
    /// <param name="features">Shape: […, F], e.g. [N, F]; integer features are converted to the statistics' dtype.</param>
    /// <returns>The standardised features. Shape: the same as the input.</returns>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ArgumentException">The last dimension is not the fitted number of features.</exception>
    public Tensor Transform(Tensor features)
    {
        var x = ScalerInput.CheckedForTransform(features, NumFeatures, Mean.DType, "StandardScaler.Transform");
        return (x - Mean.To(x.DType)) / Std.To(x.DType);
    }

    /// <summary>Fits on <paramref name="features"/> and returns them standardised.</summary>
    /// <param name="features">Shape: [N, F].</param>
    /// <returns>Shape: [N, F].</returns>
    /// <exception cref="ArgumentException">Not [N, F], no samples, or a NaN or infinite value.</exception>
    public Tensor FitTransform(Tensor features) => Fit(features).Transform(features);

    /// <summary>Undoes <see cref="Transform"/>: x · Std + Mean, back in the original units.</summary>
    /// <param name="features">Standardised features. Shape: […, F].</param>
    /// <returns>Shape: the same as the input.</returns>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ArgumentException">The last dimension is not the fitted number of features.</exception>
    public Tensor InverseTransform(Tensor features)
    {
        var x = ScalerInput.CheckedForTransform(features, NumFeatures, Mean.DType, "StandardScaler.InverseTransform");
        return x * Std.To(x.DType) + Mean.To(x.DType);
    }

    /// <summary>
    /// The fitted statistics as named tensors ("mean" and "std", each [F], copies), to save next to a
    /// model, e.g. merged into its state dict under <paramref name="prefix"/> "scaler.".
    /// </summary>
    /// <param name="prefix">Put in front of each name.</param>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public Dictionary<string, Tensor> StateDict(string prefix = "") => new(StringComparer.Ordinal)
    {
        [prefix + MeanKey] = Mean.Clone(),
        [prefix + StdKey] = Std.Clone(),
    };

    /// <summary>Restores statistics saved by <see cref="StateDict"/>; other entries of <paramref name="state"/> are ignored.</summary>
    /// <param name="state">Holds "mean" and "std" (after <paramref name="prefix"/>): Float32 or Float64 vectors of one length.</param>
    /// <param name="prefix">The prefix the names were saved with.</param>
    /// <exception cref="KeyNotFoundException">An entry is missing.</exception>
    /// <exception cref="ArgumentException">An entry is not a finite floating-point vector, the lengths differ, or a deviation is not positive.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string prefix = "")
    {
        const string where = "StandardScaler.LoadStateDict";
        var loadedMean = ScalerInput.ReadState(state, prefix + MeanKey, where);
        var loadedStd = ScalerInput.ReadState(state, prefix + StdKey, where);
        if (loadedMean.Shape[0] != loadedStd.Shape[0])
            throw new ArgumentException(
                $"{where}: '{prefix + MeanKey}' has {loadedMean.Shape[0]} features but '{prefix + StdKey}' has {loadedStd.Shape[0]}.", nameof(state));
        if (loadedStd.ToArray<double>().Any(s => s <= 0))
            throw new ArgumentException($"{where}: every value of '{prefix + StdKey}' must be positive.", nameof(state));
        mean = loadedMean;
        std = loadedStd.To(loadedMean.DType);
    }

    static InvalidOperationException NotFitted(string member) =>
        new($"StandardScaler.{member}: the scaler has not been fitted; call Fit on the training features first.");
}
