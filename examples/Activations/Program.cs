// Activation functions and their derivatives, the derivatives computed by autograd.
// Run: dotnet run --project examples/Activations   (writes activations.svg)
using Myelin.Learn;

foreach (string name in ActivationCurve.Names)
{
    ActivationCurve curve = ActivationCurve.Compute(name, [-2, 0.5, 2]);
    Console.WriteLine($"{name,-11} f = [{string.Join(", ", curve.Values.Select(v => v.ToString("F3")))}]  " +
                      $"f' = [{string.Join(", ", curve.Derivatives.Select(v => v.ToString("F3")))}]");
}

ActivationCurve.SaveChart("activations.svg");
Console.WriteLine("Wrote activations.svg");
