using Myelin.Training;

namespace Myelin.Tests.Training;

/// <summary>
/// A metric whose validation results follow a script, to drive callbacks that watch "val_…"
/// values. The trainer computes each metric twice per epoch — over the training batches, then
/// over the validation data — so every second <see cref="Result"/> is the validation value.
/// </summary>
internal sealed class ScriptedValidationMetric(string name, bool higherIsBetter, params double[] script) : Metric(name)
{
    int results;

    public override bool HigherIsBetter => higherIsBetter;

    public override void Reset() { }

    protected override void UpdateCore(Tensor output, Tensor target) { }

    public override double Result()
    {
        int call = results++;
        return call % 2 == 0 ? 0 : script[call / 2];
    }
}
