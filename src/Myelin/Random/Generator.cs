namespace Myelin;

/// <summary>
/// The library's own seedable random number generator, so that a seed gives the same numbers
/// on every .NET version and platform (System.Random makes no such promise).
/// </summary>
/// <remarks>
/// Algorithm: xoshiro256** (Blackman and Vigna, 2018) with its 256-bit state filled from the
/// seed by SplitMix64. Uniform floats take the top 24 bits (float) or 53 bits (double) of a
/// 64-bit draw, giving values in [0, 1). Normal draws use the Box–Muller transform on two
/// uniform doubles, in double precision, and keep the second value for the next call.
/// The state (<see cref="GetState"/>) can be saved and restored to resume a run exactly.
/// </remarks>
public sealed class Generator
{
    ulong s0, s1, s2, s3;
    double cachedNormal;
    bool hasCachedNormal;

    /// <summary>The process-wide generator used when no generator is passed explicitly.</summary>
    public static Generator Default { get; } = new(0);

    /// <summary>Reseeds <see cref="Default"/>: the counterpart of <c>torch.manual_seed</c>.</summary>
    public static void ManualSeed(ulong seed) => Default.Seed(seed);

    /// <summary>Creates a generator from a seed.</summary>
    public Generator(ulong seed) => Seed(seed);

    /// <summary>Resets the generator to the start of the sequence for <paramref name="seed"/>.</summary>
    public void Seed(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
        hasCachedNormal = false;
        cachedNormal = 0;
    }

    static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="high"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentException">high is not greater than low.</exception>
    public long NextInt64(long low, long high)
    {
        if (high <= low)
            throw new ArgumentException($"NextInt64: high ({high}) must be greater than low ({low}).");
        ulong range = (ulong)(high - low);
        // Lemire's nearly divisionless method: multiply-high, reject the biased sliver.
        UInt128 product = (UInt128)NextUInt64() * range;
        ulong lowBits = (ulong)product;
        if (lowBits < range)
        {
            ulong threshold = (0 - range) % range;
            while (lowBits < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                lowBits = (ulong)product;
            }
        }
        return low + (long)(ulong)(product >> 64);
    }

    /// <summary>A uniform integer in [0, <paramref name="high"/>).</summary>
    public int NextInt(int high) => (int)NextInt64(0, high);

    /// <summary>A standard normal draw (mean 0, standard deviation 1), by Box–Muller.</summary>
    public double NextNormal()
    {
        if (hasCachedNormal)
        {
            hasCachedNormal = false;
            return cachedNormal;
        }
        // 1 - u lies in (0, 1], so the logarithm is finite.
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        cachedNormal = radius * Math.Sin(angle);
        hasCachedNormal = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0 … n−1.</summary>
    public int[] Permutation(int n)
    {
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = i;
        Shuffle<int>(result);
        return result;
    }

    /// <summary>
    /// The complete state as six 64-bit words (four of xoshiro state, the cached normal's bits,
    /// and whether it is present), for checkpoints.
    /// </summary>
    public ulong[] GetState() =>
        [s0, s1, s2, s3, (ulong)BitConverter.DoubleToInt64Bits(cachedNormal), hasCachedNormal ? 1UL : 0UL];

    /// <summary>Restores a state returned by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state does not have six words or is all zero.</exception>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 6)
            throw new ArgumentException($"Generator.SetState: expected 6 words, got {state.Length}.");
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("Generator.SetState: the xoshiro state must not be all zero.");
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3];
        cachedNormal = BitConverter.Int64BitsToDouble((long)state[4]);
        hasCachedNormal = state[5] != 0;
    }
}
