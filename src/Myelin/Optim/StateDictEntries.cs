namespace Myelin.Optim;

/// <summary>
/// Reading and writing the numbers of a flat state dict (<c>"state.0.step"</c>,
/// <c>"param_groups.0.lr"</c>, …): integers as 0-d Int64 tensors, reals as 0-d Float64 tensors,
/// so a whole state dict can be saved with safetensors.
/// </summary>
internal static class StateDictEntries
{
    public static Tensor Int64(long value) => new(new Storage(new[] { value }, DType.Int64), []);

    public static Tensor Float64(double value) => new(new Storage(new[] { value }, DType.Float64), []);

    /// <summary>The tensor stored under <paramref name="key"/>; a clear error when it is missing.</summary>
    public static Tensor Require(IReadOnlyDictionary<string, Tensor> stateDict, string key, string context) =>
        stateDict.TryGetValue(key, out var tensor) && tensor is not null
            ? tensor
            : throw new ArgumentException($"{context}: the state dict has no entry '{key}'.", nameof(stateDict));

    /// <summary>A real number stored as a one-element tensor under <paramref name="key"/>.</summary>
    public static double ReadDouble(IReadOnlyDictionary<string, Tensor> stateDict, string key, string context) =>
        ToNumber(Require(stateDict, key, context), key, context).Item<double>();

    /// <summary>An integer stored as a one-element tensor under <paramref name="key"/>.</summary>
    public static long ReadLong(IReadOnlyDictionary<string, Tensor> stateDict, string key, string context)
    {
        var tensor = ToNumber(Require(stateDict, key, context), key, context);
        if (tensor.DType.IsFloatingPoint())
        {
            double value = tensor.Item<double>();
            if (value != Math.Floor(value) || Math.Abs(value) > 1L << 53)
                throw new ArgumentException($"{context}: '{key}' must hold an integer, got {value}.", nameof(stateDict));
        }
        return tensor.Item<long>();
    }

    static Tensor ToNumber(Tensor tensor, string key, string context)
    {
        if (tensor.NumElements != 1 || tensor.DType == DType.Bool)
            throw new ArgumentException(
                $"{context}: '{key}' must hold one number, got a {tensor.DType} tensor of shape {Layout.Format(tensor.shape)}.",
                "stateDict");
        return tensor;
    }

    /// <summary>The integer after <paramref name="prefix"/> up to the next dot, as in "state.12.exp_avg" → 12 and "exp_avg".</summary>
    public static bool TrySplitIndex(string key, string prefix, out int index, out string rest)
    {
        index = -1;
        rest = "";
        if (!key.StartsWith(prefix, StringComparison.Ordinal)) return false;
        int dot = key.IndexOf('.', prefix.Length);
        if (dot < 0) return false;
        var digits = key.AsSpan(prefix.Length, dot - prefix.Length);
        if (digits.Length == 0 || digits.Length > 9) return false;
        foreach (char c in digits)
            if (c is < '0' or > '9') return false;
        index = int.Parse(digits);
        rest = key[(dot + 1)..];
        return rest.Length > 0;
    }
}
