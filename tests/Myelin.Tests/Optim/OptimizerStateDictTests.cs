using Myelin.IO;
using Myelin.Optim;

namespace Myelin.Tests.Optim;

public class OptimizerStateDictTests
{
    public static IEnumerable<object[]> Cases => OptimFixtures.CaseNames(OptimFixtures.Optimizers);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResumingFromAStateDictContinuesBitForBit(string name)
    {
        var @case = LeastSquaresProblem.Case(name);

        var straight = new LeastSquaresProblem(DType.Float32);
        straight.Train(OptimFixtures.CreateOptimizer(@case, straight.Parameters), 10);

        var first = new LeastSquaresProblem(DType.Float32);
        var firstOptimizer = OptimFixtures.CreateOptimizer(@case, first.Parameters);
        first.Train(firstOptimizer, 5);
        // Through safetensors bytes, as a checkpoint would go.
        var saved = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(firstOptimizer.StateDict()))).Tensors;

        var resumed = new LeastSquaresProblem(DType.Float32);
        using (Autograd.NoGrad())
        {
            resumed.Weight.CopyFrom(first.Weight);
            resumed.Bias.CopyFrom(first.Bias);
        }
        var resumedOptimizer = OptimFixtures.CreateOptimizer(@case, resumed.Parameters);
        resumedOptimizer.LoadStateDict(saved);
        resumed.Train(resumedOptimizer, 5);

        Assert.Equal(straight.Weight.ToArray<float>(), resumed.Weight.ToArray<float>());
        Assert.Equal(straight.Bias.ToArray<float>(), resumed.Bias.ToArray<float>());
    }

    [Fact]
    public void AdamStateDictHasPyTorchStyleFlatKeys()
    {
        var problem = new LeastSquaresProblem(DType.Float32);
        var optimizer = new Adam([problem.Weight, problem.Bias], lr: 0.01, amsgrad: true);
        problem.Train(optimizer, 3);

        var dict = optimizer.StateDict();

        Assert.Equal(
            ["param_groups.0.amsgrad", "param_groups.0.beta1", "param_groups.0.beta2", "param_groups.0.eps", "param_groups.0.lr",
             "param_groups.0.params", "param_groups.0.weight_decay",
             "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq", "state.0.step",
             "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq", "state.1.step"],
            dict.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DType.Int64, dict["state.0.step"].DType);
        Assert.Equal(0, dict["state.0.step"].Rank);
        Assert.Equal(3L, dict["state.0.step"].Item<long>());
        Assert.Equal(DType.Float64, dict["param_groups.0.lr"].DType);
        Assert.Equal(0.01, dict["param_groups.0.lr"].Item());
        Assert.Equal(1.0, dict["param_groups.0.amsgrad"].Item());
        Assert.Equal([0L, 1L], dict["param_groups.0.params"].ToArray<long>());
        Assert.Equal([4, 3], dict["state.0.exp_avg"].Shape.ToArray());
        Assert.Equal([3], dict["state.1.exp_avg_sq"].Shape.ToArray());
    }

    [Fact]
    public void TheStateDictHoldsCopiesNotTheLiveBuffers()
    {
        var problem = new LeastSquaresProblem(DType.Float32);
        var optimizer = new SGD([problem.Weight, problem.Bias], lr: 0.1, momentum: 0.9);
        problem.Train(optimizer, 1);
        var dict = optimizer.StateDict();
        var before = dict["state.0.momentum_buffer"].ToArray();

        problem.Train(optimizer, 1);

        Assert.Equal(before, dict["state.0.momentum_buffer"].ToArray());
        Assert.NotEqual(before, optimizer.GetState(problem.Weight)!["momentum_buffer"].ToArray());
    }

    [Fact]
    public void LoadingRestoresGroupOptions()
    {
        var source = new LeastSquaresProblem(DType.Float32);
        var saved = new SGD([source.Weight, source.Bias], lr: 0.5, momentum: 0.25).StateDict();

        var target = new LeastSquaresProblem(DType.Float32);
        var optimizer = new SGD([target.Weight, target.Bias], lr: 0.1, momentum: 0.9);
        optimizer.LoadStateDict(saved);

        Assert.Equal(0.5, optimizer.LearningRate);
        Assert.Equal(0.25, optimizer.ParameterGroups[0].Momentum);
        Assert.Null(optimizer.GetState(target.Weight));
    }

    [Fact]
    public void AMissingStateBufferIsReportedAndNothingChanges()
    {
        var (optimizer, saved, problem) = TrainedAdam();
        saved.Remove("state.1.exp_avg_sq");
        var fresh = new Adam([problem.Weight, problem.Bias], lr: 0.5);

        var e = Assert.Throws<ArgumentException>(() => fresh.LoadStateDict(saved));

        Assert.Contains("Adam.LoadStateDict", e.Message);
        Assert.Contains("'state.1.exp_avg_sq'", e.Message);
        Assert.Equal(0.5, fresh.LearningRate);
        Assert.Null(fresh.GetState(problem.Weight));
        GC.KeepAlive(optimizer);
    }

    [Fact]
    public void AMissingOptionIsReported()
    {
        var (_, saved, problem) = TrainedAdam();
        saved.Remove("param_groups.0.beta2");
        var e = Assert.Throws<ArgumentException>(() => new Adam([problem.Weight, problem.Bias]).LoadStateDict(saved));
        Assert.Contains("'param_groups.0.beta2'", e.Message);
    }

    [Fact]
    public void ABufferOfTheWrongShapeIsReported()
    {
        var (_, saved, problem) = TrainedAdam();
        saved["state.0.exp_avg"] = Tensor.Zeros(3, 4);
        var e = Assert.Throws<ArgumentException>(() => new Adam([problem.Weight, problem.Bias]).LoadStateDict(saved));
        Assert.Contains("'state.0.exp_avg' has shape [3, 4] but parameter 0 has shape [4, 3]", e.Message);
    }

    [Fact]
    public void AStateDictOfAnotherOptimizerIsRejected()
    {
        var (_, saved, problem) = TrainedAdam();
        var e = Assert.Throws<ArgumentException>(() => new SGD([problem.Weight, problem.Bias], lr: 0.1).LoadStateDict(saved));
        Assert.Contains("SGD.LoadStateDict", e.Message);
    }

    [Fact]
    public void AnUnexpectedEntryIsReported()
    {
        var (_, saved, problem) = TrainedAdam();
        saved["state.7.exp_avg"] = Tensor.Zeros(3);
        var e = Assert.Throws<ArgumentException>(() => new Adam([problem.Weight, problem.Bias]).LoadStateDict(saved));
        Assert.Contains("unexpected entry 'state.7.exp_avg'", e.Message);
        Assert.Contains("2 parameter(s)", e.Message);
    }

    [Fact]
    public void ADifferentParameterLayoutIsReported()
    {
        var (_, saved, problem) = TrainedAdam();
        var e = Assert.Throws<ArgumentException>(() => new Adam([problem.Weight]).LoadStateDict(saved));
        Assert.Contains("parameter group 0 has 1 parameters", e.Message);

        var twoGroups = new Adam([new ParameterGroup([problem.Weight]), new ParameterGroup([problem.Bias])]);
        e = Assert.Throws<ArgumentException>(() => twoGroups.LoadStateDict(saved));
        Assert.Contains("param_groups.0.params", e.Message);
    }

    [Fact]
    public void ANonNumericOptionIsReported()
    {
        var (_, saved, problem) = TrainedAdam();
        saved["param_groups.0.lr"] = Tensor.Zeros(2);
        var e = Assert.Throws<ArgumentException>(() => new Adam([problem.Weight, problem.Bias]).LoadStateDict(saved));
        Assert.Contains("'param_groups.0.lr' must hold one number", e.Message);
    }

    [Fact]
    public void AnInvalidLoadedOptionIsReported()
    {
        var (_, saved, problem) = TrainedAdam();
        saved["param_groups.0.beta1"] = Tensor.Scalar(1.5, DType.Float64);
        var e = Assert.Throws<ArgumentException>(() => new Adam([problem.Weight, problem.Bias]).LoadStateDict(saved));
        Assert.Contains("beta1", e.Message);
        Assert.Contains("1.5", e.Message);
    }

    [Fact]
    public void Float32StateLoadsIntoAFloat64Optimizer()
    {
        var (_, saved, _) = TrainedAdam();
        var problem = new LeastSquaresProblem(DType.Float64);
        var optimizer = new Adam([problem.Weight, problem.Bias]);
        optimizer.LoadStateDict(saved);
        Assert.Equal(DType.Float64, optimizer.GetState(problem.Weight)!["exp_avg"].DType);
        Assert.Equal(saved["state.0.exp_avg"].ToArray<double>(), optimizer.GetState(problem.Weight)!["exp_avg"].ToArray<double>());
    }

    static (Adam Optimizer, Dictionary<string, Tensor> Saved, LeastSquaresProblem Problem) TrainedAdam()
    {
        var problem = new LeastSquaresProblem(DType.Float32);
        var optimizer = new Adam([problem.Weight, problem.Bias], lr: 0.01);
        problem.Train(optimizer, 2);
        return (optimizer, optimizer.StateDict(), new LeastSquaresProblem(DType.Float32));
    }
}
