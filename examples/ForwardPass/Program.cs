// A forward pass, neuron by neuron and as matrices, and the backward pass as chain-rule products.
// Run: dotnet run --project examples/ForwardPass
using Myelin;
using Myelin.Learn;
using Myelin.NN;

// Will a student who studied 3 hours with previous knowledge 7 pass? Two hidden sigmoid neurons, one output.
Sequential model = ExamNetwork.Create();
Tensor student = ExamNetwork.Input();

ForwardExplanation forward = Explain.Forward(model, student);
Console.WriteLine(forward);
Console.WriteLine($"Chance of passing: {forward.Output[0] * 100:F1}%");
Console.WriteLine();

// If the student did pass (target 1), how should each weight change? Each gradient is a product of factors.
Console.WriteLine(Explain.Backward(model, student, Tensor.FromArray(new[] { 1f }, 1), Losses.MSE));
