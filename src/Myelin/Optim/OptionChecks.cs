namespace Myelin.Optim;

/// <summary>
/// Checks of optimizer options that throw an <see cref="ArgumentException"/> naming the
/// optimizer (and group), the option and the offending value. NaN never passes.
/// </summary>
internal static class OptionChecks
{
    /// <summary>The option must be finite and ≥ 0.</summary>
    public static double NonNegative(ParameterGroup group, string key, string description, string context)
    {
        double value = group.Get(key);
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentException($"{context}: {description} ('{key}') must be a finite number ≥ 0, got {value}.");
        return value;
    }

    /// <summary>The option must lie in [0, 1).</summary>
    public static double UnitInterval(ParameterGroup group, string key, string description, string context)
    {
        double value = group.Get(key);
        if (!(value >= 0 && value < 1))
            throw new ArgumentException($"{context}: {description} ('{key}') must be in [0, 1), got {value}.");
        return value;
    }

    /// <summary>The option must be a flag: 0 (false) or 1 (true).</summary>
    public static bool Flag(ParameterGroup group, string key, string context)
    {
        double value = group.Get(key);
        if (value is not (0 or 1))
            throw new ArgumentException($"{context}: '{key}' is a flag and must be 0 (false) or 1 (true), got {value}.");
        return value == 1;
    }
}
