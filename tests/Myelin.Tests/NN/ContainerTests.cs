using Myelin.NN;

namespace Myelin.Tests.NN;

public class ContainerTests
{
    [Fact]
    public void SequentialChainsModulesAndNamesThemByPosition()
    {
        var first = new Linear(3, 4, generator: new Generator(1));
        var model = new Sequential(first, new ReLU());
        model.Add(new Linear(4, 2, generator: new Generator(2)));
        Assert.Equal(3, model.Count);
        Assert.Same(first, model[0]);
        Assert.Equal(["0", "1", "2"], model.NamedChildren().Select(c => c.Name));
        Assert.Equal(3, model.Count());

        var x = Tensor.Randn([5, 3], new Generator(3));
        var expected = model[2].Forward(model[1].Forward(first.Forward(x)));
        Assert.Equal(expected.ToArray(), model.Forward(x).ToArray());
        Assert.Equal([5, 2], model.Forward(x).Shape.ToArray());
    }

    [Fact]
    public void EmptySequentialIsTheIdentity()
    {
        var x = Tensor.Ones(2, 2);
        Assert.Same(x, new Sequential().Forward(x));
    }

    [Fact]
    public void SequentialIndexOutOfRangeNamesTheCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential(new ReLU())[3]);
        Assert.Contains("index 3 is out of range for 1 modules", error.Message);
    }

    [Fact]
    public void ModuleListHoldsModulesButHasNoForward()
    {
        var list = new ModuleList(new Linear(2, 2), new Linear(2, 2));
        list.Add(new Tanh());
        Assert.Equal(3, list.Count);
        Assert.IsType<Tanh>(list[2]);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], list.StateDict().Keys);
        var error = Assert.Throws<NotSupportedException>(() => list.Forward(Tensor.Ones(1, 2)));
        Assert.Contains("iterate", error.Message);
        Assert.Equal(3, list.Count());
    }

    [Fact]
    public void ModuleListInsideACustomModuleGetsNestedNames()
    {
        var model = new Stack(3);
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias"],
            model.StateDict().Keys);
        Assert.Equal([4, 2], model.Forward(Tensor.Ones(4, 2)).Shape.ToArray());
    }

    [Fact]
    public void ModuleDictUsesKeysAsNames()
    {
        var dict = new ModuleDict().Add("encoder", new Linear(3, 2)).Add("activation", new ReLU());
        Assert.Equal(2, dict.Count);
        Assert.True(dict.ContainsKey("encoder"));
        Assert.IsType<ReLU>(dict["activation"]);
        Assert.Equal(["encoder", "activation"], dict.Keys);
        Assert.Equal(["encoder.weight", "encoder.bias"], dict.StateDict().Keys);
        Assert.Contains("no module named 'decoder'", Assert.Throws<KeyNotFoundException>(() => dict["decoder"]).Message);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => dict.Add("encoder", new ReLU())).Message);
        Assert.Throws<NotSupportedException>(() => dict.Forward(Tensor.Ones(1, 3)));
        Assert.Equal("ModuleDict(\n  (encoder): Linear(in_features=3, out_features=2, bias=True)\n  (activation): ReLU()\n)", dict.ToString());
    }

    [Fact]
    public void ModuleDictFromPairsKeepsTheirOrder()
    {
        var dict = new ModuleDict([new("b", new ReLU()), new("a", new Tanh())]);
        Assert.Equal(["b", "a"], dict.Select(p => p.Key));
    }

    sealed class Stack : Module
    {
        readonly ModuleList layers;

        public Stack(int depth)
        {
            layers = Register("layers", new ModuleList());
            for (int i = 0; i < depth; i++) layers.Add(new Linear(2, 2));
        }

        public override Tensor Forward(Tensor input)
        {
            var x = input;
            foreach (var layer in layers) x = F.ReLU(layer.Forward(x));
            return x;
        }
    }
}
