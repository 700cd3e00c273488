using Myelin.Learn;
using Myelin.NN;

namespace Myelin.Tests.Learn;

public class ExamNetworkTests
{
    [Fact]
    public void PredictsAnEightyTwoPointFourPercentChanceOfPassing()
    {
        Sequential model = ExamNetwork.Create();
        Tensor hidden, output;
        using (Autograd.NoGrad())
        {
            hidden = ((Module)model[1]).Forward(((Module)model[0]).Forward(ExamNetwork.Input()));
            output = model.Forward(ExamNetwork.Input());
        }
        Assert.Equal([0.961f, 0.961f], hidden.ToArray().Select(h => MathF.Round(h, 3)));
        Assert.Equal(0.824, Math.Round(output.Item(), 3));
        Assert.Equal(new[] { 1, 1 }, output.Shape.ToArray());
    }

    [Fact]
    public void MatchesPyTorchForwardAndGradients()
    {
        var fixture = LearnFixtures.Section("exam");
        Sequential model = ExamNetwork.Create();
        Tensor output = model.Forward(ExamNetwork.Input());
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("output")), [output.Item()], 1e-5);

        Tensor loss = F.MSELoss(output, Tensor.FromArray(new[] { 1f }, 1, 1));
        Assert.Equal(fixture.GetProperty("loss").GetDouble(), loss.Item(), 1e-6);
        loss.Backward();
        foreach (var (name, parameter) in model.NamedParameters())
            LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("grads").GetProperty(name)),
                parameter.Grad!.ToArray().Select(g => (double)g).ToArray(), 1e-4, 1e-7);
    }

    [Fact]
    public void PassesAFloat64GradientCheck()
    {
        Sequential model = ExamNetwork.Create(DType.Float64);
        Tensor input = ExamNetwork.Input(DType.Float64);
        Tensor[] parameters = [.. model.Parameters()];
        // The network as a function of its input and every parameter, in the order of model.Parameters().
        GradCheck.Assert(inputs =>
        {
            Tensor hidden = F.Linear(inputs[0], inputs[1], inputs[2]).Sigmoid();
            return F.Linear(hidden, inputs[3], inputs[4]).Sigmoid().Sum();
        }, [input.Clone().RequireGrad(), .. parameters.Select(p => p.Detach().Clone().RequireGrad())]);
    }
}
