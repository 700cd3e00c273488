using System.Globalization;

namespace Myelin.Data;

/// <summary>
/// Rescales each feature linearly so that its smallest and largest values in the training data
/// (learnt by <see cref="Fit"/>) map to <see cref="RangeMin"/> and <see cref="RangeMax"/>
/// ([0, 1] by default). scikit-learn's <c>MinMaxScaler</c>.
/// </summary>
/// <remarks>
/// x′ = (x − DataMin) · (RangeMax − RangeMin) / (DataMax − DataMin) + RangeMin. A constant
/// feature (DataMax = DataMin) is treated as having a range of 1, so it maps to RangeMin instead
/// of dividing by zero. Data outside the training range maps outside [RangeMin, RangeMax]
/// (nothing is clipped). Fit on the training split only. Statistics are kept in the features'
/// dtype (Float32 for integer features); <see cref="Transform"/> is differentiable.
/// Shape: Fit takes [N, F]; Transform and InverseTransform take […, F] and return the same shape.
/// </remarks>
public sealed class MinMaxScaler
{
    const string DataMinKey = "data_min";
    const string DataMaxKey = "data_max";
    const string RangeKey = "feature_range";

    Tensor? dataMin;
    Tensor? dataMax;
    Tensor? scale;

    /// <summary>Creates a scaler onto [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> is not below <paramref name="max"/>, or either is not finite.</exception>
    public MinMaxScaler(double min = 0, double max = 1)
    {
        CheckRange(min, max, "MinMaxScaler");
        RangeMin = min;
        RangeMax = max;
    }

    /// <summary>The value each feature's training minimum maps to.</summary>
    public double RangeMin { get; private set; }

    /// <summary>The value each feature's training maximum maps to.</summary>
    public double RangeMax { get; private set; }

    /// <summary>Each feature's smallest value over the fitted samples. Shape: [F].</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public Tensor DataMin => dataMin ?? throw NotFitted("DataMin");

    /// <summary>Each feature's largest value over the fitted samples. Shape: [F].</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public Tensor DataMax => dataMax ?? throw NotFitted("DataMax");

    /// <summary>Whether <see cref="Fit"/> or <see cref="LoadStateDict"/> has set the statistics.</summary>
    public bool IsFitted => dataMin is not null;

    /// <summary>The number of features F the scaler was fitted on.</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public int NumFeatures => DataMin.Shape[0];

    /// <summary>Learns each feature's minimum and maximum from <paramref name="features"/>.</summary>
    /// <param name="features">Training features. Shape: [N, F] with N ≥ 1; values must be finite.</param>
    /// <returns>This scaler, to chain <c>new MinMaxScaler().Fit(x)</c>.</returns>
    /// <exception cref="ArgumentException">Not [N, F], no samples, or a NaN or infinite value.</exception>
    public MinMaxScaler Fit(Tensor features)
    {
        double[] values = ScalerInput.ReadTable(features, "MinMaxScaler.Fit", out int rows, out int columns);
        var mins = new double[columns];
        var maxs = new double[columns];
        for (int f = 0; f < columns; f++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < rows; i++)
            {
                double v = values[i * columns + f];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            mins[f] = min;
            maxs[f] = max;
        }
        SetStatistics(mins, maxs, ScalerInput.StatisticsType(features));
        return this;
    }

    /// <summary>Rescales <paramref name="features"/> with the fitted minima and maxima.</summary>
    /// <param name="features">Shape: […, F]; integer features are converted to the statistics' dtype.</param>
    /// <returns>Shape: the same as the input.</returns>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ArgumentException">The last dimension is not the fitted number of features.</exception>
    public Tensor Transform(Tensor features)
    {
        var x = ScalerInput.CheckedForTransform(features, NumFeatures, DataMin.DType, "MinMaxScaler.Transform");
        return (x - DataMin.To(x.DType)) * scale!.To(x.DType) + RangeMin;
    }

    /// <summary>Fits on <paramref name="features"/> and returns them rescaled.</summary>
    /// <param name="features">Shape: [N, F].</param>
    /// <returns>Shape: [N, F].</returns>
    /// <exception cref="ArgumentException">Not [N, F], no samples, or a NaN or infinite value.</exception>
    public Tensor FitTransform(Tensor features) => Fit(features).Transform(features);

    /// <summary>Undoes <see cref="Transform"/>, back in the original units.</summary>
    /// <param name="features">Rescaled features. Shape: […, F].</param>
    /// <returns>Shape: the same as the input.</returns>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ArgumentException">The last dimension is not the fitted number of features.</exception>
    public Tensor InverseTransform(Tensor features)
    {
        var x = ScalerInput.CheckedForTransform(features, NumFeatures, DataMin.DType, "MinMaxScaler.InverseTransform");
        return (x - RangeMin) / scale!.To(x.DType) + DataMin.To(x.DType);
    }

    /// <summary>
    /// The fitted state as named tensors (copies): "data_min" and "data_max" ([F]) and
    /// "feature_range" ([2]: RangeMin, RangeMax), each name after <paramref name="prefix"/>.
    /// </summary>
    /// <param name="prefix">Put in front of each name, e.g. "scaler.".</param>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    public Dictionary<string, Tensor> StateDict(string prefix = "") => new(StringComparer.Ordinal)
    {
        [prefix + DataMinKey] = DataMin.Clone(),
        [prefix + DataMaxKey] = DataMax.Clone(),
        [prefix + RangeKey] = Tensor.FromArray([RangeMin, RangeMax], 2).To(DataMin.DType),
    };

    /// <summary>Restores a state saved by <see cref="StateDict"/>, the output range included; other entries are ignored.</summary>
    /// <param name="state">Holds "data_min", "data_max" and "feature_range" after <paramref name="prefix"/>.</param>
    /// <param name="prefix">The prefix the names were saved with.</param>
    /// <exception cref="KeyNotFoundException">An entry is missing.</exception>
    /// <exception cref="ArgumentException">An entry is not a finite floating-point vector, the lengths differ, a minimum exceeds its maximum, or the range is empty.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string prefix = "")
    {
        const string where = "MinMaxScaler.LoadStateDict";
        var mins = ScalerInput.ReadState(state, prefix + DataMinKey, where);
        var maxs = ScalerInput.ReadState(state, prefix + DataMaxKey, where);
        var range = ScalerInput.ReadState(state, prefix + RangeKey, where).ToArray<double>();
        if (mins.Shape[0] != maxs.Shape[0])
            throw new ArgumentException(
                $"{where}: '{prefix + DataMinKey}' has {mins.Shape[0]} features but '{prefix + DataMaxKey}' has {maxs.Shape[0]}.", nameof(state));
        if (range.Length != 2)
            throw new ArgumentException($"{where}: '{prefix + RangeKey}' must hold two values (min, max), got {range.Length}.", nameof(state));
        CheckRange(range[0], range[1], where);
        double[] minValues = mins.ToArray<double>(), maxValues = maxs.ToArray<double>();
        for (int f = 0; f < minValues.Length; f++)
            if (minValues[f] > maxValues[f])
                throw new ArgumentException(
                    $"{where}: feature {f} has data_min {minValues[f].ToString(CultureInfo.InvariantCulture)} above data_max {maxValues[f].ToString(CultureInfo.InvariantCulture)}.",
                    nameof(state));
        RangeMin = range[0];
        RangeMax = range[1];
        SetStatistics(minValues, maxValues, mins.DType);
    }

    void SetStatistics(double[] mins, double[] maxs, DType dtype)
    {
        var scales = new double[mins.Length];
        for (int f = 0; f < mins.Length; f++)
        {
            double dataRange = maxs[f] - mins[f];
            scales[f] = (RangeMax - RangeMin) / (dataRange == 0 ? 1 : dataRange);
        }
        dataMin = ScalerInput.Vector(mins, dtype);
        dataMax = ScalerInput.Vector(maxs, dtype);
        scale = ScalerInput.Vector(scales, dtype);
    }

    static void CheckRange(double min, double max, string where)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
            throw new ArgumentException(
                $"{where}: the output range must have finite min < max, got [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
    }

    static InvalidOperationException NotFitted(string member) =>
        new($"MinMaxScaler.{member}: the scaler has not been fitted; call Fit on the training features first.");
}
