namespace Myelin;

public sealed partial class Tensor
{
    static Tensor FillRandom(int[] shape, DType dtype, Generator? generator, Func<Generator, double> draw, string op)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{op}: dtype must be Float32 or Float64, got {dtype}.");
        var g = generator ?? Generator.Default;
        var result = Empty((int[])CheckShape(shape, op).Clone(), dtype);
        int n = result.NumElements;
        if (dtype == DType.Float32)
        {
            var data = result.Data<float>();
            for (int i = 0; i < n; i++) data[i] = (float)draw(g);
        }
        else
        {
            var data = result.Data<double>();
            for (int i = 0; i < n; i++) data[i] = draw(g);
        }
        return result;
    }

    /// <summary>Uniform values in [0, 1) (Float32) from <see cref="Generator.Default"/>.</summary>
    public static Tensor Rand(params int[] shape) => Rand(shape, null);

    /// <summary>Uniform values in [0, 1) from <paramref name="generator"/> (or the default generator).</summary>
    public static Tensor Rand(int[] shape, Generator? generator, DType dtype = DType.Float32) =>
        FillRandom(shape, dtype, generator, g => dtype == DType.Float32 ? g.NextFloat() : g.NextDouble(), "Rand");

    /// <summary>Standard normal values (Float32) from <see cref="Generator.Default"/>.</summary>
    public static Tensor Randn(params int[] shape) => Randn(shape, null);

    /// <summary>Standard normal values from <paramref name="generator"/> (or the default generator).</summary>
    public static Tensor Randn(int[] shape, Generator? generator, DType dtype = DType.Float32) =>
        FillRandom(shape, dtype, generator, g => g.NextNormal(), "Randn");

    /// <summary>Uniform values in [low, high).</summary>
    public static Tensor Uniform(int[] shape, double low, double high, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (!(high >= low)) throw new ArgumentException($"Uniform: high ({high}) must be at least low ({low}).");
        return FillRandom(shape, dtype, generator, g => low + (high - low) * g.NextDouble(), "Uniform");
    }

    /// <summary>Normal values with the given mean and standard deviation.</summary>
    public static Tensor Normal(int[] shape, double mean, double std, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (!(std >= 0)) throw new ArgumentException($"Normal: std must be non-negative, got {std}.");
        return FillRandom(shape, dtype, generator, g => mean + std * g.NextNormal(), "Normal");
    }

    /// <summary>Uniform integers in [low, high) as Int64.</summary>
    public static Tensor RandInt(long low, long high, int[] shape, Generator? generator = null)
    {
        if (high <= low) throw new ArgumentException($"RandInt: high ({high}) must be greater than low ({low}).");
        var g = generator ?? Generator.Default;
        var result = Empty((int[])CheckShape(shape, "RandInt").Clone(), DType.Int64);
        var data = result.Data<long>();
        for (int i = 0; i < data.Length; i++) data[i] = g.NextInt64(low, high);
        return result;
    }

    /// <summary>Draws 1 with probability p and 0 otherwise, elementwise for a tensor of probabilities (same shape and dtype).</summary>
    /// <exception cref="ArgumentException">A probability lies outside [0, 1].</exception>
    public static Tensor Bernoulli(Tensor probabilities, Generator? generator = null)
    {
        probabilities.RequireFloat("Bernoulli");
        var g = generator ?? Generator.Default;
        var p = probabilities.ToArray<double>();
        var result = Empty((int[])probabilities.shape.Clone(), probabilities.DType);
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0 && p[i] <= 1))
                throw new ArgumentException($"Bernoulli: probability {p[i]} at element {i} is outside [0, 1].");
            result.SetFlat(i, g.NextDouble() < p[i] ? 1 : 0);
        }
        return result;
    }

    /// <summary>Draws 1 with probability <paramref name="p"/> and 0 otherwise.</summary>
    public static Tensor Bernoulli(int[] shape, double p, Generator? generator = null, DType dtype = DType.Float32)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"Bernoulli: probability {p} is outside [0, 1].");
        return FillRandom(shape, dtype, generator, g => g.NextDouble() < p ? 1 : 0, "Bernoulli");
    }
}
