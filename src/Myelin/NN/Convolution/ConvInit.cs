namespace Myelin.NN;

/// <summary>PyTorch's default initialisation of a convolution's parameters.</summary>
internal static class ConvInit
{
    /// <summary>
    /// Fills the weight by Kaiming uniform with a = √5, which is U(−1/√fanIn, 1/√fanIn), and returns a bias of
    /// <paramref name="biasSize"/> drawn from the same range (fanIn from the weight's dimensions 1, 2, …), or null
    /// when <paramref name="withBias"/> is false.
    /// </summary>
    public static Tensor? InitializeWeightAndBias(Tensor weight, bool withBias, int biasSize, Generator? generator)
    {
        Init.KaimingUniform(weight, a: Math.Sqrt(5), generator: generator);
        if (!withBias) return null;
        var bias = Tensor.Zeros([biasSize], weight.DType);
        var (fanIn, _) = Init.CalculateFanInAndFanOut(weight);
        if (fanIn > 0)
        {
            double bound = 1 / Math.Sqrt(fanIn);
            Init.Uniform(bias, -bound, bound, generator);
        }
        return bias;
    }
}
