using Myelin.Optim;

namespace Myelin.Tests.Optim;

public class OptimizerValidationTests
{
    static Tensor[] Params() => [Tensor.Zeros(2).RequireGrad()];

    public static IEnumerable<object[]> InvalidHyperparameters => new (string Name, Func<Optimizer> Create, string Expected)[]
    {
        ("SGD negative lr", () => new SGD(Params(), lr: -0.1), "SGD: the learning rate ('lr') must be a finite number ≥ 0, got -0.1"),
        ("SGD NaN lr", () => new SGD(Params(), lr: double.NaN), "SGD: the learning rate ('lr') must be a finite number ≥ 0, got NaN"),
        ("SGD negative momentum", () => new SGD(Params(), lr: 0.1, momentum: -0.5), "SGD: the momentum ('momentum') must be a finite number ≥ 0, got -0.5"),
        ("SGD negative weight decay", () => new SGD(Params(), lr: 0.1, weightDecay: -1), "SGD: the weight decay ('weight_decay') must be a finite number ≥ 0, got -1"),
        ("SGD nesterov without momentum", () => new SGD(Params(), lr: 0.1, nesterov: true), "SGD: Nesterov momentum needs a momentum > 0 and zero dampening, got momentum 0 and dampening 0"),
        ("SGD nesterov with dampening", () => new SGD(Params(), lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true), "got momentum 0.9 and dampening 0.1"),
        ("Adam negative lr", () => new Adam(Params(), lr: -1e-3), "Adam: the learning rate ('lr') must be a finite number ≥ 0, got -0.001"),
        ("Adam beta1 of 1", () => new Adam(Params(), beta1: 1), "Adam: beta1 (betas[0]) ('beta1') must be in [0, 1), got 1"),
        ("Adam negative beta2", () => new Adam(Params(), beta2: -0.1), "Adam: beta2 (betas[1]) ('beta2') must be in [0, 1), got -0.1"),
        ("Adam betas tuple", () => new Adam(Params(), 1e-3, (0.9, 1.5)), "Adam: beta2 (betas[1]) ('beta2') must be in [0, 1), got 1.5"),
        ("Adam negative eps", () => new Adam(Params(), eps: -1e-8), "Adam: epsilon ('eps') must be a finite number ≥ 0, got -1E-08"),
        ("AdamW negative weight decay", () => new AdamW(Params(), weightDecay: -0.01), "AdamW: the weight decay ('weight_decay') must be a finite number ≥ 0, got -0.01"),
        ("AdamW beta1 above 1", () => new AdamW(Params(), 1e-3, (1.1, 0.999)), "AdamW: beta1 (betas[0]) ('beta1') must be in [0, 1), got 1.1"),
        ("RMSprop negative alpha", () => new RMSprop(Params(), alpha: -0.9), "RMSprop: alpha ('alpha') must be a finite number ≥ 0, got -0.9"),
        ("RMSprop negative momentum", () => new RMSprop(Params(), momentum: -1), "RMSprop: the momentum ('momentum') must be a finite number ≥ 0, got -1"),
        ("RMSprop infinite lr", () => new RMSprop(Params(), lr: double.PositiveInfinity), "RMSprop: the learning rate ('lr') must be a finite number ≥ 0, got Infinity"),
        ("Adagrad negative lr decay", () => new Adagrad(Params(), lrDecay: -0.1), "Adagrad: the learning-rate decay ('lr_decay') must be a finite number ≥ 0, got -0.1"),
        ("Adagrad negative accumulator", () => new Adagrad(Params(), initialAccumulatorValue: -1), "Adagrad: the initial accumulator value ('initial_accumulator_value') must be a finite number ≥ 0, got -1"),
        ("group override", () => new SGD([new ParameterGroup(Params()), new ParameterGroup(Params()) { LearningRate = -2 }], lr: 0.1),
            "SGD (parameter group 1): the learning rate ('lr') must be a finite number ≥ 0, got -2"),
        ("option of another optimizer", () => new SGD([new ParameterGroup(Params()) { Beta1 = 0.5 }], lr: 0.1),
            "SGD (parameter group 0): option 'beta1' is not used by SGD (it uses lr, momentum, dampening, weight_decay, nesterov)"),
        ("flag that is not 0 or 1", () => new Adam([new ParameterGroup(Params()) { ["amsgrad"] = 2 }]),
            "Adam (parameter group 0): 'amsgrad' is a flag and must be 0 (false) or 1 (true), got 2"),
    }.Select(c => new object[] { c.Name, c.Create, c.Expected });

    [Theory]
    [MemberData(nameof(InvalidHyperparameters))]
    public void InvalidHyperparametersAreRejectedWithTheOptimizerAndValue(string name, Func<Optimizer> create, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(e.Message.Contains(expected), $"{name}: message was \"{e.Message}\"");
    }

    [Fact]
    public void AnEmptyParameterListIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Tensor>()));
        Assert.Contains("Adam: got an empty parameter list", e.Message);
    }

    [Fact]
    public void AParameterGivenTwiceIsRejected()
    {
        var p = Tensor.Zeros(2, 3).RequireGrad();
        var e = Assert.Throws<ArgumentException>(() => new SGD([new ParameterGroup([p]), new ParameterGroup([p])], lr: 0.1));
        Assert.Contains("SGD (parameter group 1): parameter 0 (shape [2, 3]) appears more than once", e.Message);
        Assert.Throws<ArgumentException>(() => new SGD([p, p], lr: 0.1));
    }

    [Fact]
    public void IntegerAndNonLeafParametersAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD([Tensor.FromArray([1L, 2L])], lr: 0.1));
        Assert.Contains("parameter 0 is a Int64 tensor", e.Message);

        var leaf = Tensor.Zeros(2).RequireGrad();
        e = Assert.Throws<ArgumentException>(() => new SGD([leaf * 2], lr: 0.1));
        Assert.Contains("is not a leaf tensor", e.Message);
    }

    [Fact]
    public void AGroupServesOneOptimizerOnly()
    {
        var group = new ParameterGroup(Params());
        _ = new SGD([group], lr: 0.1);
        var e = Assert.Throws<ArgumentException>(() => new Adam([group]));
        Assert.Contains("already belongs to an optimizer", e.Message);
    }

    [Fact]
    public void ARejectedGroupIsLeftAsTheCallerMadeIt()
    {
        var group = new ParameterGroup(Params()) { LearningRate = -1 };
        Assert.Throws<ArgumentException>(() => new SGD([group], lr: 0.1, momentum: 0.9));
        Assert.Null(group.Momentum);
        Assert.Equal(-1, group.LearningRate);
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new SGD((IEnumerable<Tensor>)null!, lr: 0.1));
        Assert.Throws<ArgumentNullException>(() => new ParameterGroup([null!]));
        var optimizer = new SGD(Params(), lr: 0.1);
        Assert.Throws<ArgumentNullException>(() => optimizer.LoadStateDict(null!));
        Assert.Throws<ArgumentException>(() => optimizer.GetState(Tensor.Zeros(2)));
    }
}
