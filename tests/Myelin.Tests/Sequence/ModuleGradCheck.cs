using Myelin.NN;

namespace Myelin.Tests.Sequence;

/// <summary>
/// Float64 finite-difference checks of a module: the full Jacobian with respect to its inputs (through
/// <see cref="GradCheck"/>), and the gradient of a fixed random projection Σ w·output with respect to every
/// parameter, by central differences on the parameter's own storage.
/// </summary>
public static class ModuleGradCheck
{
    public static void Assert(Module module, Func<Tensor[], Tensor> forward, Tensor[] inputs,
        double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        if (inputs.Any(t => t.RequiresGrad)) GradCheck.Assert(forward, inputs, eps, atol, rtol);

        var frozen = inputs.Select(t => t.Detach()).ToArray();
        Tensor projection;
        using (Autograd.NoGrad()) projection = Tensor.Randn([.. forward(frozen).Shape], new Generator(99), DType.Float64);
        double Loss() => (forward(frozen) * projection).Sum().Item();

        module.ZeroGrad();
        (forward(frozen) * projection).Sum().Backward();
        int checkedCount = 0;
        foreach (var (name, parameter) in module.NamedParameters())
        {
            Xunit.Assert.Equal(DType.Float64, parameter.DType);
            Xunit.Assert.True(parameter.IsContiguous && parameter.Offset == 0, name);
            var analytic = parameter.Grad?.ToArray<double>() ?? new double[parameter.NumElements];
            var data = parameter.Data<double>();
            for (int e = 0; e < parameter.NumElements; e++)
            {
                double original = data[e], plus, minus;
                using (Autograd.NoGrad())
                {
                    data[e] = original + eps;
                    plus = Loss();
                    data[e] = original - eps;
                    minus = Loss();
                }
                data[e] = original;
                double numeric = (plus - minus) / (2 * eps);
                double allowed = atol + rtol * Math.Abs(numeric);
                Xunit.Assert.True(Math.Abs(analytic[e] - numeric) <= allowed,
                    $"{module.GetType().Name} parameter {name} element {e}: analytic {analytic[e]:G9}, numeric {numeric:G9}");
                checkedCount++;
            }
        }
        Xunit.Assert.True(checkedCount > 0 || !module.Parameters().Any());
    }

    /// <summary>A Float64 tensor of N(0, 1) values from a fixed seed, requiring gradients.</summary>
    public static Tensor Input(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed), DType.Float64).RequireGrad();

    /// <summary>Joins several outputs into one flat tensor, so GradCheck sees all of them.</summary>
    public static Tensor Flat(params Tensor[] outputs) => Tensor.Cat(outputs.Select(o => o.Reshape(-1)).ToArray());
}
