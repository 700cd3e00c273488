// The perceptron: weights, a bias (or threshold), a step, and Rosenblatt's learning rule.
// Run: dotnet run --project examples/Perceptron
using Myelin.Learn;

// A perceptron weighs evidence: with weights 2, 6, 2 and threshold 5 the middle input decides alone.
var sweets = Perceptron.FromThreshold([2, 6, 2], threshold: 5);
Console.WriteLine($"{sweets}: fires for [0, 1, 0]? {sweets.Fire([0, 1, 0])}; for [1, 0, 1]? {sweets.Fire([1, 0, 1])}");

// Weights -2, -2 and bias 3 make a NAND gate, and NAND gates can build any circuit: here, a half adder.
var adder = new HalfAdder();
foreach (var (x1, x2) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
{
    var (sum, carry) = adder.Add(x1, x2);
    Console.WriteLine($"{x1} + {x2} = sum {sum}, carry {carry}");
}

// The learning rule: nudge the weights toward each misclassified example until none is wrong.
double[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
var and = new Perceptron([0, 0]);
Console.WriteLine($"AND: {and.Train(inputs, [0, 0, 0, 1])} → {and}");
var xor = new Perceptron([0, 0]);
Console.WriteLine($"XOR: {xor.Train(inputs, [0, 1, 1, 0], maxEpochs: 20)}");
Console.WriteLine("No straight line separates XOR's classes, so a single perceptron never learns it.");
