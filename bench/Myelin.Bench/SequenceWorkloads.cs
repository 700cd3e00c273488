using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Bench;

/// <summary>lstm-train: LSTM(64→128), sequence 32, batch 32, Linear(128,10) on the last step, cross-entropy, Adam.</summary>
public sealed class LstmTrainWorkload : Workload
{
    LSTM lstm = null!;
    Linear head = null!;
    Adam optimizer = null!;
    Tensor x = null!, y = null!;

    public override string Name => "lstm-train";
    public override string Metric => "sequences_per_s";
    public override string Unit => "sequences/s";

    public override void Setup()
    {
        var generator = new Generator(1);
        lstm = new LSTM(64, 128, batchFirst: true, generator: generator);
        head = new Linear(128, 10, generator: generator);
        optimizer = new Adam(lstm.Parameters().Concat(head.Parameters()), lr: 1e-3);
        x = Tensor.Randn([32, 32, 64], generator);
        y = Tensor.RandInt(0, 10, [32], generator);
    }

    public override void Call()
    {
        optimizer.ZeroGrad();
        var sequence = lstm.Forward(x);
        F.CrossEntropy(head.Forward(sequence.Select(1, -1)), y).Backward();
        optimizer.Step();
    }

    public override double Value(double secondsPerCall) => 32 / secondsPerCall;
}

/// <summary>
/// transformer-train: one post-norm encoder layer (d_model 128, 4 heads, feed-forward 512, no
/// dropout), sequence 64, batch 16, mean-pool, Linear(128,10), cross-entropy, Adam.
/// </summary>
public sealed class TransformerTrainWorkload : Workload
{
    TransformerEncoderLayer layer = null!;
    Linear head = null!;
    Adam optimizer = null!;
    Tensor x = null!, y = null!;

    public override string Name => "transformer-train";
    public override string Metric => "samples_per_s";
    public override string Unit => "samples/s";

    public override void Setup()
    {
        var generator = new Generator(1);
        layer = new TransformerEncoderLayer(128, 4, dimFeedforward: 512, dropout: 0, batchFirst: true, generator: generator);
        head = new Linear(128, 10, generator: generator);
        optimizer = new Adam(layer.Parameters().Concat(head.Parameters()), lr: 1e-3);
        x = Tensor.Randn([16, 64, 128], generator);
        y = Tensor.RandInt(0, 10, [16], generator);
    }

    public override void Call()
    {
        optimizer.ZeroGrad();
        F.CrossEntropy(head.Forward(layer.Forward(x).Mean(1)), y).Backward();
        optimizer.Step();
    }

    public override double Value(double secondsPerCall) => 16 / secondsPerCall;
}
