using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.IO.Model;

/// <summary>A layer type of the tests' own, registered with <see cref="ModelDescription.Register{TModule}"/>: y = x · scale.</summary>
internal sealed class ScaleLayer : Module
{
    static readonly object gate = new();
    static bool registered;

    public ScaleLayer(int size, Module? inner = null)
    {
        Size = size;
        Scale = RegisterParameter("scale", Tensor.Ones(size));
        if (inner is not null) Inner = Register("inner", inner);
    }

    public int Size { get; }
    public Tensor Scale { get; }
    public Module? Inner { get; }

    public override Tensor Forward(Tensor input) => (Inner?.Forward(input) ?? input) * Scale;

    public override string ExtraRepr() => $"size={Size}";

    /// <summary>Registers the type once per test run ("Scale", with an optional child "inner").</summary>
    public static void EnsureRegistered()
    {
        lock (gate)
        {
            if (registered) return;
            ModelDescription.Register<ScaleLayer>("Scale",
                (m, w) =>
                {
                    w.Write("size", m.Size);
                    if (m.Inner is not null) w.WriteModule("inner", m.Inner);
                },
                r => new ScaleLayer(r.GetInt32("size"), r.Contains("inner") ? r.BuildModule("inner") : null));
            registered = true;
        }
    }
}
