using Myelin.Optim;

namespace Myelin.Tests.Optim;

/// <summary>
/// SGD and Adam update long parameters chunk by chunk (to keep each chunk in cache through all
/// passes); the result must be exactly what each piece gets when it is a parameter of its own.
/// </summary>
public sealed class ChunkedUpdateTests
{
    /// <summary>Lengths of the pieces: each fits in one chunk; together (9,000) they span three chunks, with boundaries inside pieces.</summary>
    static readonly int[] PieceLengths = [1000, 3000, 4096, 904];

    public static TheoryData<string> Optimizers => new()
    {
        "sgd", "sgd-momentum", "sgd-nesterov-decay", "adam", "adam-amsgrad-decay", "adamw",
    };

    static Optimizer Create(string name, IEnumerable<Tensor> parameters) => name switch
    {
        "sgd" => new SGD(parameters, lr: 0.1),
        "sgd-momentum" => new SGD(parameters, lr: 0.1, momentum: 0.9, dampening: 0.1),
        "sgd-nesterov-decay" => new SGD(parameters, lr: 0.05, momentum: 0.8, weightDecay: 0.01, nesterov: true),
        "adam" => new Adam(parameters, lr: 1e-2),
        "adam-amsgrad-decay" => new Adam(parameters, lr: 1e-2, weightDecay: 0.05, amsgrad: true),
        "adamw" => new AdamW(parameters, lr: 1e-2, weightDecay: 0.1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ALongParameterMatchesItsPiecesUpdatedSeparately(string name)
    {
        var generator = new Generator(7);
        int total = PieceLengths.Sum();
        var start = Tensor.Randn([total], generator);
        var whole = start.Clone().RequireGrad();
        var pieces = new List<Tensor>();
        int offset = 0;
        foreach (int length in PieceLengths)
        {
            pieces.Add(start.Narrow(0, offset, length).Clone().RequireGrad());
            offset += length;
        }
        var wholeOptimizer = Create(name, [whole]);
        var piecesOptimizer = Create(name, pieces);

        for (int step = 0; step < 4; step++)
        {
            // A loss whose gradient changes from step to step and differs element by element.
            var weights = Tensor.Randn([total], generator);
            wholeOptimizer.ZeroGrad();
            (whole * whole * weights).Sum().Backward();
            wholeOptimizer.Step();

            piecesOptimizer.ZeroGrad();
            var joined = Tensor.Cat(pieces, 0);
            (joined * joined * weights).Sum().Backward();
            piecesOptimizer.Step();
        }

        float[] expected = Tensor.Cat(pieces, 0).Detach().ToArray<float>();
        float[] actual = whole.Detach().ToArray<float>();
        Assert.Equal(expected, actual);
        Assert.NotEqual(start.ToArray<float>(), actual);
    }
}
