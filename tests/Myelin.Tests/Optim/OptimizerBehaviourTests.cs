using Myelin.Optim;

namespace Myelin.Tests.Optim;

public class OptimizerBehaviourTests
{
    [Fact]
    public void AParameterWithoutAGradientIsLeftAloneAndGetsNoState()
    {
        var problem = new LeastSquaresProblem(DType.Float32);
        var unused = Tensor.FromArray([1f, 2f]).RequireGrad();
        var optimizer = new Adam([problem.Weight, unused, problem.Bias], lr: 0.05);

        problem.Train(optimizer, 10);

        Assert.Equal([1f, 2f], unused.ToArray());
        Assert.Null(optimizer.GetState(unused));
        Assert.Equal(10, optimizer.GetState(problem.Weight)!.Step);
        // The other parameters follow PyTorch's trajectory exactly as without the unused one.
        var expected = OptimFixtures.Doubles(LeastSquaresProblem.Case("adam").GetProperty("float32")[9]);
        OptimFixtures.AssertClose(expected, problem.Values(), 1e-6, 1e-6, "adam with an unused parameter");
        Assert.DoesNotContain("state.1.step", optimizer.StateDict().Keys);
    }

    [Fact]
    public void AParameterThatMissesSomeStepsCountsOnlyItsOwnUpdates()
    {
        var a = Tensor.FromArray([1.0, 2.0]).RequireGrad();
        var b = Tensor.FromArray([3.0]).RequireGrad();
        var optimizer = new Adam([a, b], lr: 0.1);

        a.Grad = Tensor.FromArray([1.0, 1.0]);
        optimizer.Step();
        b.Grad = Tensor.FromArray([1.0]);
        optimizer.Step();

        Assert.Equal(2, optimizer.GetState(a)!.Step);
        Assert.Equal(1, optimizer.GetState(b)!.Step);
        // Adam's first step moves by lr · sign(g) whatever the gradient's size.
        Assert.Equal(3.0 - 0.1, b.Item(), 1e-7);
    }

    [Fact]
    public void ZeroGradClearsOrZeroesTheGradients()
    {
        var p = Tensor.FromArray([1f, 2f]).RequireGrad();
        var optimizer = new SGD([p], lr: 0.1);
        p.Grad = Tensor.FromArray([3f, 4f]);

        optimizer.ZeroGrad(setToNone: false);
        Assert.Equal([0f, 0f], p.Grad!.ToArray());

        optimizer.ZeroGrad();
        Assert.Null(p.Grad);
    }

    [Fact]
    public void StepBumpsTheVersionSoStaleGraphsFailClearly()
    {
        var p = Tensor.FromArray([1f, 2f]).RequireGrad();
        var optimizer = new SGD([p], lr: 0.1);
        var y = (p * p).Sum();   // saves p for backward
        p.Grad = Tensor.FromArray([1f, 1f]);
        optimizer.Step();

        Assert.Equal([0.9f, 1.9f], p.ToArray());
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void StepRecordsNoGraph()
    {
        var problem = new LeastSquaresProblem(DType.Float32);
        var optimizer = new SGD([problem.Weight, problem.Bias], lr: 0.1);
        problem.Train(optimizer, 1);
        Assert.True(problem.Weight.IsLeaf);
        Assert.True(problem.Weight.RequiresGrad);
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void ANonContiguousParameterIsUpdatedThroughACopy()
    {
        var storage = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var p = storage.T.RequireGrad();   // [3, 2] view, not contiguous
        Assert.False(p.IsContiguous);
        var optimizer = new SGD([p], lr: 0.5, momentum: 0.9);

        p.Grad = Tensor.Ones(3, 2);
        optimizer.Step();
        optimizer.Step();

        // Momentum: step 1 moves by 0.5, step 2 by 0.5 · (0.9 + 1); the view writes through to its storage.
        OptimFixtures.AssertClose([1 - 1.45, 4 - 1.45, 2 - 1.45, 5 - 1.45, 3 - 1.45, 6 - 1.45], p.ToArray<double>(), 1e-6, 1e-6, "view");
        OptimFixtures.AssertClose([1 - 1.45, 2 - 1.45, 3 - 1.45, 4 - 1.45, 5 - 1.45, 6 - 1.45], storage.ToArray<double>(), 1e-6, 1e-6, "storage");
    }

    [Fact]
    public void AGradientOfAnotherFloatTypeIsConverted()
    {
        var p = Tensor.FromArray([1f, 2f]).RequireGrad();
        var optimizer = new SGD([p], lr: 0.5);
        p.Grad = Tensor.FromArray([1.0, -1.0]);
        optimizer.Step();
        Assert.Equal([0.5f, 2.5f], p.ToArray());
        Assert.Equal(DType.Float32, p.DType);
    }

    [Fact]
    public void LearningRateReadsTheFirstGroupAndSetsAll()
    {
        var a = Tensor.Zeros(2).RequireGrad();
        var b = Tensor.Zeros(2).RequireGrad();
        var optimizer = new SGD([new ParameterGroup([a]), new ParameterGroup([b]) { LearningRate = 0.5 }], lr: 0.1);
        Assert.Equal(0.1, optimizer.LearningRate);
        Assert.Equal(0.5, optimizer.ParameterGroups[1].LearningRate);

        optimizer.LearningRate = 0.01;

        Assert.All(optimizer.ParameterGroups, g => Assert.Equal(0.01, g.LearningRate));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = double.NaN);
    }

    [Fact]
    public void GroupsTakeDefaultsForOptionsTheyLeaveUnset()
    {
        var a = Tensor.Zeros(2).RequireGrad();
        var b = Tensor.Zeros(2).RequireGrad();
        var head = new ParameterGroup([b]) { Momentum = 0.5, WeightDecay = 0.1 };
        var optimizer = new SGD([new ParameterGroup([a]), head], lr: 0.1, momentum: 0.9);

        Assert.Equal(0.9, optimizer.ParameterGroups[0].Momentum);
        Assert.Equal(0.0, optimizer.ParameterGroups[0].WeightDecay);
        Assert.Equal(0.5, head.Momentum);
        Assert.Equal(0.1, head.LearningRate);
        Assert.False(head.Nesterov);
        Assert.Equal(["lr", "momentum", "dampening", "weight_decay", "nesterov"], optimizer.Defaults.Select(d => d.Key));
    }

    [Fact]
    public void ChangingAGroupOptionTakesEffectAtTheNextStep()
    {
        var p = Tensor.FromArray([1.0]).RequireGrad();
        var optimizer = new SGD([p], lr: 0.1);
        p.Grad = Tensor.FromArray([1.0]);
        optimizer.Step();
        optimizer.ParameterGroups[0].LearningRate = 1;
        optimizer.Step();
        Assert.Equal(1.0 - 0.1 - 1, p.Item(), 1e-12);
    }

    [Fact]
    public void SwitchingMomentumOnLaterStartsTheBufferFromTheGradient()
    {
        var p = Tensor.FromArray([0.0]).RequireGrad();
        var optimizer = new SGD([p], lr: 1);
        p.Grad = Tensor.FromArray([1.0]);
        optimizer.Step();                                  // -1
        optimizer.ParameterGroups[0].Momentum = 0.5;
        optimizer.Step();                                  // buffer = 1 → -2
        optimizer.Step();                                  // buffer = 1.5 → -3.5
        Assert.Equal(-3.5, p.Item(), 1e-12);
    }

    [Fact]
    public void AddParameterGroupExtendsTheOptimizer()
    {
        var a = Tensor.FromArray([1.0]).RequireGrad();
        var b = Tensor.FromArray([1.0]).RequireGrad();
        var optimizer = new SGD([a], lr: 0.1);
        optimizer.AddParameterGroup(new ParameterGroup([b]) { LearningRate = 0.5 });

        a.Grad = Tensor.FromArray([1.0]);
        b.Grad = Tensor.FromArray([1.0]);
        optimizer.Step();

        Assert.Equal(0.9, a.Item(), 1e-12);
        Assert.Equal(0.5, b.Item(), 1e-12);
        Assert.Equal([0L], optimizer.StateDict()["param_groups.1.params"].ToArray<long>().Select(i => i - 1));
    }

    [Fact]
    public void MinimizesARealProblem()
    {
        var problem = new LeastSquaresProblem(DType.Float32);
        var optimizer = new Adam([problem.Weight, problem.Bias], lr: 0.05);
        float start = (float)problem.Loss().Item();
        problem.Train(optimizer, 200);
        Assert.True(problem.Loss().Item() < start / 2, $"loss went from {start} to {problem.Loss().Item()}");
    }

    public static IEnumerable<object[]> AllKinds => new (string, Func<Tensor[], Optimizer>)[]
    {
        ("SGD", ps => new SGD(ps, lr: 0.01, momentum: 0.9, weightDecay: 0.01, nesterov: true)),
        ("Adam", ps => new Adam(ps, weightDecay: 0.01, amsgrad: true)),
        ("AdamW", ps => new AdamW(ps)),
        ("RMSprop", ps => new RMSprop(ps, momentum: 0.9, centered: true, weightDecay: 0.01)),
        ("Adagrad", ps => new Adagrad(ps, lrDecay: 0.01, weightDecay: 0.01)),
    }.Select(c => new object[] { c.Item1, c.Item2 });

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void StepsAllocateNothingInProportionToTheParameters(string name, Func<Tensor[], Optimizer> create)
    {
        // 100k-element parameters: one temporary per step would cost 400 KB.
        Tensor[] parameters = [Tensor.Randn([1000, 100], new Generator(1)).RequireGrad(), Tensor.Randn([1000, 100], new Generator(2), DType.Float64).RequireGrad()];
        foreach (var p in parameters) p.Grad = Tensor.OnesLike(p);
        var optimizer = create(parameters);
        for (int i = 0; i < 3; i++) optimizer.Step();   // creates the state, grows the work arrays and lets the JIT settle

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) optimizer.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 20 * 1024, $"{name}: 20 steps allocated {allocated} bytes");
    }
}
