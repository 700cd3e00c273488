using Myelin.NN;

namespace Myelin.Tests.IO.Model;

/// <summary>Models shared by the model-file and checkpoint tests.</summary>
internal static class ModelTestModels
{
    /// <summary>The type names of the standard layers, each used by <see cref="EveryLayer"/>.</summary>
    public static readonly string[] StandardLayerTypes =
    [
        "Sequential", "Linear", "BatchNorm1d", "LayerNorm", "Dropout", "Flatten", "Identity",
        "Step", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU", "SiLU", "Softplus", "Softmax", "LogSoftmax",
    ];

    /// <summary>The input shape of <see cref="EveryLayer"/> for a batch of <paramref name="batch"/>.</summary>
    public static int[] InputShape(int batch) => [batch, 2, 3];

    /// <summary>
    /// Every standard layer, with settings other than the defaults wherever a layer has settings.
    /// Input [N, 2, 3] → output [N, 3]. Step (whose 0/1 output hides everything before it) is left
    /// out when <paramref name="includeStep"/> is false, for tests that compare outputs.
    /// </summary>
    public static Sequential EveryLayer(Generator generator, DType dtype = DType.Float32, bool includeStep = true)
    {
        var model = new Sequential(
            new LayerNorm([2, 3], eps: 1e-4, dtype: dtype),
            new Flatten(1, -1),
            new Linear(6, 8, generator: generator, dtype: dtype),
            new BatchNorm1d(8, eps: 1e-3, momentum: null, dtype: dtype),
            new LeakyReLU(0.2),
            new Dropout(0.3),
            new Linear(8, 8, bias: false, generator: generator, dtype: dtype),
            new Sequential(new ELU(0.5), new GELU("tanh"), new Softplus(2, 10), new SiLU()),
            new BatchNorm1d(8, momentum: 0.25, affine: false, trackRunningStats: false, dtype: dtype),
            new BatchNorm1d(8, affine: false, dtype: dtype),
            new LayerNorm(8, elementwiseAffine: false, dtype: dtype),
            new Identity(),
            new Tanh(),
            new Sigmoid(),
            new ReLU(),
            new Linear(8, 3, generator: generator, dtype: dtype),
            new Softmax(1));
        if (includeStep) model.Add(new Step(0.3));
        return model.Add(new LogSoftmax(-1));
    }

    /// <summary>
    /// Gives every parameter random values and runs a few training batches without gradients, so that
    /// no tensor of the state dict keeps its initial value.
    /// </summary>
    public static T Randomize<T>(T model, int[] inputShape, Generator generator) where T : Module
    {
        using (Autograd.NoGrad())
        {
            foreach (var parameter in model.Parameters())
                parameter.CopyFrom(Tensor.Randn([.. parameter.Shape], generator, parameter.DType) * 0.5 + (parameter.Rank == 1 ? 1 : 0));
            var dtype = model.Parameters().First().DType;
            model.Train();
            for (int i = 0; i < 3; i++)
                model.Forward(Tensor.Randn(inputShape, generator, dtype));
        }
        return model;
    }

    /// <summary>Asserts the same keys in the same order, and tensors of the same dtype, shape and bits.</summary>
    public static void AssertSameState(Module expected, Module actual)
    {
        var e = expected.StateDict();
        var a = actual.StateDict();
        Assert.Equal(e.Keys, a.Keys);
        foreach (var (key, tensor) in e) AssertBitwiseEqual(tensor, a[key], key);
    }

    /// <summary>Asserts equal dtypes and shapes and identical bits in every element.</summary>
    public static void AssertBitwiseEqual(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.DType == actual.DType, $"{what}: dtype {actual.DType}, expected {expected.DType}");
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape [{string.Join(", ", actual.Shape)}], expected [{string.Join(", ", expected.Shape)}]");
        long[] Bits(Tensor t) => t.DType switch
        {
            DType.Float32 => t.ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray(),
            DType.Float64 => t.ToArray<double>().Select(BitConverter.DoubleToInt64Bits).ToArray(),
            _ => t.ToArray<long>(),
        };
        Assert.True(Bits(expected).SequenceEqual(Bits(actual)), $"{what}: values differ");
    }
}
