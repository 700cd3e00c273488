using Myelin.NN;

namespace Myelin.Tests.NN;

/// <summary>The model of Fixtures/NN/model.json: a Sequential feature extractor and a linear head.</summary>
public sealed class Net : Module
{
    readonly Sequential features;
    readonly Linear head;

    public Net(Generator? generator = null)
    {
        features = Register("features", new Sequential(new Linear(4, 8, generator: generator), new BatchNorm1d(8), new ReLU()));
        head = Register("head", new Linear(8, 3, generator: generator));
    }

    public Sequential Features => features;

    public override Tensor Forward(Tensor input) => head.Forward(features.Forward(input));
}

/// <summary>A custom module with a parameter and a buffer of its own, for registration tests.</summary>
public sealed class Scale : Module
{
    public Scale(int size)
    {
        Factor = RegisterParameter("factor", Tensor.Ones(size));
        Calls = RegisterBuffer("calls", Tensor.Zeros([], DType.Int64));
    }

    public Tensor Factor { get; }
    public Tensor Calls { get; }

    public override Tensor Forward(Tensor input) => input * Factor;

    public void RegisterAgain(string name) => RegisterParameter(name, Tensor.Zeros(1));
    public void RegisterBufferNamed(string name) => RegisterBuffer(name, Tensor.Zeros(1));
    public void RegisterSelf() => Register("self", this);
    public void RegisterComputed() => RegisterParameter("computed", Tensor.Ones(2).RequireGrad() * 2);
    public void RegisterInteger() => RegisterParameter("integer", Tensor.Zeros([2], DType.Int64));
}
