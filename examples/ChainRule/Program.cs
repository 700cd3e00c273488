// Backpropagation is the chain rule, applied from the output back to every input.
// Run: dotnet run --project examples/ChainRule   (writes graph.dot; draw it with: dot -Tsvg graph.dot -o graph.svg)
using Myelin.Scalar;

var a = new Value(2.0, "a");
var b = new Value(-3.0, "b");
var c = new Value(10.0, "c");
var e = a * b; e.Label = "e";
var d = e + c; d.Label = "d";
var f = new Value(-2.0, "f");
var L = d * f; L.Label = "L";
L.Backward();

// dL/dd = f, dL/df = d; a sum passes its gradient through; a product scales it by the other factor.
foreach (Value v in new[] { a, b, c, e, d, f, L })
    Console.WriteLine($"{v.Label}: data {v.Data,4}, dL/d{v.Label} = {v.Grad}");

// A tanh neuron: o = tanh(x1·w1 + x2·w2 + b) ≈ 0.7071, and do/dn = 1 − o² = 0.5.
var x1 = new Value(2.0, "x1"); var w1 = new Value(-3.0, "w1");
var x2 = new Value(0.0, "x2"); var w2 = new Value(1.0, "w2");
var o = (x1 * w1 + x2 * w2 + new Value(6.8813735870195432, "b")).Tanh();
o.Backward();
Console.WriteLine($"o = {o.Data:F4}; gradients x1 {x1.Grad:F1}, w1 {w1.Grad:F1}, x2 {x2.Grad:F1}, w2 {w2.Grad:F1}");

File.WriteAllText("graph.dot", L.ToDot());
Console.WriteLine("Wrote graph.dot");
