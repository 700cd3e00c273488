namespace Myelin.NN;

/// <summary>
/// Weight initialisation (PyTorch's <c>torch.nn.init</c>). Every method fills the given tensor
/// <b>in place</b> (PyTorch's trailing-underscore functions) without recording a graph, and returns
/// the same tensor. Random methods draw from <c>generator</c>, or from <see cref="Generator.Default"/>
/// when it is null.
/// </summary>
/// <example><code>
/// var layer = new Linear(784, 128);
/// Init.KaimingNormal(layer.Weight, nonlinearity: Nonlinearity.ReLU);
/// Init.Zeros(layer.Bias!);
/// </code></example>
public static class Init
{
    /// <summary>Fills <paramref name="tensor"/> with 0 in place.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    /// <summary>Fills <paramref name="tensor"/> with 1 in place.</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1);

    /// <summary>Fills <paramref name="tensor"/> with <paramref name="value"/> in place.</summary>
    public static Tensor Constant(Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (Autograd.NoGrad()) tensor.Fill(value);
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/> in place with values drawn uniformly from [a, b).</summary>
    /// <exception cref="ArgumentException">b is less than a, or the tensor is not floating-point.</exception>
    public static Tensor Uniform(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        RequireFloat(tensor, "Uniform");
        if (!(b >= a)) throw new ArgumentException($"Init.Uniform: the upper bound b ({b}) must be at least the lower bound a ({a}).");
        return CopyInto(tensor, Tensor.Uniform([.. tensor.Shape], a, b, generator, tensor.DType));
    }

    /// <summary>Fills <paramref name="tensor"/> in place with values drawn from N(mean, std²).</summary>
    /// <exception cref="ArgumentException">std is negative, or the tensor is not floating-point.</exception>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        RequireFloat(tensor, "Normal");
        if (!(std >= 0)) throw new ArgumentException($"Init.Normal: std must be non-negative, got {std}.");
        return CopyInto(tensor, Tensor.Normal([.. tensor.Shape], mean, std, generator, tensor.DType));
    }

    /// <summary>
    /// Glorot/Xavier uniform initialisation in place: U(−bound, bound) with
    /// bound = gain·√(6 / (fanIn + fanOut)), which keeps activation variance steady through tanh or
    /// sigmoid layers.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        if (tensor.NumElements == 0) return tensor;
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>Glorot/Xavier normal initialisation in place: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)).</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        if (tensor.NumElements == 0) return tensor;
        return Normal(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>
    /// He/Kaiming uniform initialisation in place: U(−bound, bound) with bound = √3·gain/√fan, where the
    /// gain comes from <paramref name="nonlinearity"/> (with slope <paramref name="a"/> for leaky ReLU) and
    /// the fan from <paramref name="mode"/>. With a = √5 this is PyTorch's default for Linear weights,
    /// U(−1/√fanIn, 1/√fanIn).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyReLU, Generator? generator = null)
    {
        int fan = Fan(tensor, mode);
        if (tensor.NumElements == 0) return tensor;
        double bound = Math.Sqrt(3.0) * CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>He/Kaiming normal initialisation in place: N(0, std²) with std = gain/√fan.</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyReLU, Generator? generator = null)
    {
        int fan = Fan(tensor, mode);
        if (tensor.NumElements == 0) return tensor;
        return Normal(tensor, 0, CalculateGain(nonlinearity, a) / Math.Sqrt(fan), generator);
    }

    /// <summary>
    /// A (semi-)orthogonal matrix in place, scaled by <paramref name="gain"/>: the tensor is viewed as
    /// [size(0), rest]; its rows (when there are fewer rows than columns) or its columns are
    /// orthonormal. Made by Gram–Schmidt orthonormalisation of a standard normal matrix, which gives
    /// the same distribution as PyTorch's sign-corrected QR.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions or is not floating-point.</exception>
    public static Tensor Orthogonal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        RequireFloat(tensor, "Orthogonal");
        if (tensor.Rank < 2)
            throw new ArgumentException($"Init.Orthogonal: only tensors with 2 or more dimensions are supported, got shape {Module.FormatShape(tensor.Shape)}.");
        if (tensor.NumElements == 0) return tensor;
        int rows = tensor.Size(0), columns = tensor.NumElements / rows;
        // Orthonormalise the columns of a tall matrix; transpose back when the tensor is wide.
        bool wide = rows < columns;
        int tall = Math.Max(rows, columns), narrow = Math.Min(rows, columns);
        var matrix = Tensor.Randn([tall, narrow], generator, DType.Float64).ToArray<double>();
        GramSchmidtColumns(matrix, tall, narrow);
        var q = Tensor.FromArray(matrix, tall, narrow);
        if (wide) q = q.T;
        return CopyInto(tensor, (q * gain).Reshape([.. tensor.Shape]));
    }

    /// <summary>Replaces the columns of a row-major m×n matrix (m ≥ n) with orthonormal ones spanning the same nested subspaces.</summary>
    static void GramSchmidtColumns(double[] a, int m, int n)
    {
        for (int j = 0; j < n; j++)
        {
            // Two passes of modified Gram–Schmidt keep the columns orthogonal to rounding precision.
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += a[i * n + k] * a[i * n + j];
                    for (int i = 0; i < m; i++) a[i * n + j] -= dot * a[i * n + k];
                }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += a[i * n + j] * a[i * n + j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) a[i * n + j] /= norm;
        }
    }

    /// <summary>Fills <paramref name="tensor"/> in place with small random values, 0.01·N(0, 1) (the classic textbook start for weights).</summary>
    public static Tensor SmallRandom(Tensor tensor, Generator? generator = null) => Normal(tensor, 0, 0.01, generator);

    /// <summary>
    /// The textbook start for a whole network, in place: every parameter named "bias" becomes zero and
    /// every other parameter 0.01·N(0, 1). Returns the module.
    /// </summary>
    public static Module SmallRandom(Module module, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var (name, parameter) in module.NamedParameters())
        {
            bool isBias = name == "bias" || name.EndsWith(".bias", StringComparison.Ordinal);
            if (isBias) Zeros(parameter);
            else SmallRandom(parameter, generator);
        }
        return module;
    }

    /// <summary>
    /// The recommended gain for <paramref name="nonlinearity"/>: 1 for linear, convolution and sigmoid;
    /// 5/3 for tanh; √2 for ReLU; √(2 / (1 + slope²)) for leaky ReLU (slope <paramref name="param"/>,
    /// 0.01 when null); 3/4 for SELU.
    /// </summary>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Conv1d or Nonlinearity.Conv2d or Nonlinearity.Conv3d
            or Nonlinearity.ConvTranspose1d or Nonlinearity.ConvTranspose2d or Nonlinearity.ConvTranspose3d
            or Nonlinearity.Sigmoid => 1,
        Nonlinearity.Tanh => 5.0 / 3,
        Nonlinearity.ReLU => Math.Sqrt(2.0),
        Nonlinearity.LeakyReLU => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.SELU => 3.0 / 4,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), $"Init.CalculateGain: unknown nonlinearity {nonlinearity}."),
    };

    /// <summary>
    /// The fans of a weight tensor as PyTorch computes them: for shape [out, in, k…] the receptive field
    /// is the product of k…, fanIn = in·receptive and fanOut = out·receptive.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2)
            throw new ArgumentException(
                $"Init: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape {Module.FormatShape(tensor.Shape)}).");
        int receptiveField = 1;
        for (int d = 2; d < tensor.Rank; d++) receptiveField *= tensor.Size(d);
        return (tensor.Size(1) * receptiveField, tensor.Size(0) * receptiveField);
    }

    static int Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return mode == FanMode.FanIn ? fanIn : fanOut;
    }

    static void RequireFloat(Tensor tensor, string method)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.DType.IsFloatingPoint())
            throw new ArgumentException($"Init.{method}: expected a Float32 or Float64 tensor, got {tensor.DType}.");
    }

    static Tensor CopyInto(Tensor tensor, Tensor values)
    {
        using (Autograd.NoGrad()) tensor.CopyFrom(values);
        return tensor;
    }
}
