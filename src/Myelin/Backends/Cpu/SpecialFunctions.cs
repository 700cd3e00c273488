namespace Myelin.Backends.Cpu;

/// <summary>Special functions .NET's Math lacks.</summary>
internal static class SpecialFunctions
{
    public const double InvSqrt2 = 0.70710678118654752440;
    public const double Sqrt2OverPi = 0.79788456080286535588;
    public const double TwoOverSqrtPi = 1.12837916709551257390;

    /// <summary>
    /// The error function. Double precision uses the everywhere-positive series
    /// erf x = (2/√π) e^{−x²} Σ (2x²)ⁿ x / (1·3·…·(2n+1)) for |x| ≤ 3 (no cancellation) and the
    /// continued fraction for erfc beyond; <paramref name="singlePrecision"/> takes Abramowitz and
    /// Stegun 7.1.26 (error below 1.5e-7, below float32 resolution near ±1).
    /// </summary>
    public static double Erf(double x, bool singlePrecision = false)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        double result;
        if (singlePrecision)
        {
            double t = 1.0 / (1.0 + 0.3275911 * ax);
            double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
            result = 1.0 - poly * Math.Exp(-ax * ax);
        }
        else if (ax > 6.0)
        {
            result = 1.0;
        }
        else if (ax <= 3.0)
        {
            double x2 = ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++)
            {
                term *= 2.0 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }
            result = TwoOverSqrtPi * Math.Exp(-x2) * sum;
        }
        else
        {
            // erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated from the tail.
            double fraction = ax;
            for (int k = 60; k >= 1; k--) fraction = ax + k * 0.5 / fraction;
            result = 1.0 - Math.Exp(-ax * ax) / (Math.Sqrt(Math.PI) * fraction);
        }
        return x < 0 ? -result : result;
    }
}
