namespace Myelin.Data;

/// <summary>Argument checks and conversions shared by <see cref="StandardScaler"/> and <see cref="MinMaxScaler"/>.</summary>
internal static class ScalerInput
{
    /// <summary>
    /// The values of a [N, F] feature table in double precision, row-major, after checking that
    /// there is at least one sample and that every value is finite (a NaN would spread into
    /// every transformed value of its feature).
    /// </summary>
    public static double[] ReadTable(Tensor features, string where, out int rows, out int columns)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rank != 2)
            throw new ArgumentException($"{where}: expected features of shape [N, F] (samples × features), got {Describe(features)}.", nameof(features));
        rows = features.Shape[0];
        columns = features.Shape[1];
        if (rows == 0)
            throw new ArgumentException($"{where}: need at least one sample to fit, got {Describe(features)}.", nameof(features));
        double[] values = features.Detach().To(DType.Float64).ToArray<double>();
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{where}: features must be finite, but sample {i / columns}, feature {i % columns} is {values[i]}.", nameof(features));
        return values;
    }

    /// <summary>The dtype statistics are kept in: the features' own floating-point type, Float32 for integer features.</summary>
    public static DType StatisticsType(Tensor features) => features.DType == DType.Float64 ? DType.Float64 : DType.Float32;

    /// <summary>
    /// Checks that <paramref name="features"/> has <paramref name="expected"/> features in its
    /// last dimension and returns it as a floating-point tensor (integer values converted to
    /// <paramref name="fallback"/>).
    /// </summary>
    public static Tensor CheckedForTransform(Tensor features, int expected, DType fallback, string where)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rank == 0 || features.Shape[^1] != expected)
            throw new ArgumentException(
                $"{where}: expected features [N, {expected}] (the scaler was fitted on {expected} features), got {Describe(features)}.",
                nameof(features));
        return features.DType is DType.Float32 or DType.Float64 ? features : features.To(fallback);
    }

    /// <summary>A per-feature statistic from a state dictionary, checked to be a finite floating-point vector.</summary>
    public static Tensor ReadState(IReadOnlyDictionary<string, Tensor> state, string key, string where)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue(key, out var tensor))
            throw new KeyNotFoundException(
                $"{where}: the state has no entry '{key}' (found: {string.Join(", ", state.Keys.Select(k => "'" + k + "'"))}).");
        if (tensor.Rank != 1 || tensor.DType is not (DType.Float32 or DType.Float64))
            throw new ArgumentException($"{where}: '{key}' must be a Float32 or Float64 vector, got {tensor.DType} {Describe(tensor)}.", nameof(state));
        if (!tensor.AllFinite())
            throw new ArgumentException($"{where}: '{key}' contains NaN or infinite values.", nameof(state));
        return tensor.Detach().Clone();
    }

    /// <summary>A vector tensor of <paramref name="dtype"/> holding <paramref name="values"/>.</summary>
    public static Tensor Vector(double[] values, DType dtype) => Tensor.FromArray(values, values.Length).To(dtype);

    static string Describe(Tensor tensor) => Layout.Format(tensor.Shape.AsSpan());
}
