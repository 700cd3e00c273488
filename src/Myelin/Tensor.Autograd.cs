namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>
    /// Backpropagates from this scalar (e.g. a loss): fills <see cref="Grad"/> of every leaf that
    /// requires gradients with d(this)/d(leaf), adding to what is already there. The graph is freed
    /// afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not a scalar, does not require gradients, or its graph was already freed.</exception>
    public void Backward() => Backward(null);

    /// <summary>
    /// Backpropagates from this tensor with an explicit upstream <paramref name="gradient"/> of the same
    /// shape (may be null for a scalar). <paramref name="retainGraph"/> keeps the graph for another pass;
    /// <paramref name="createGraph"/> records the backward computation too, for higher derivatives.
    /// </summary>
    public void Backward(Tensor? gradient, bool retainGraph = false, bool createGraph = false) =>
        Engine.Backward([this], gradient is null ? null : [gradient], retainGraph, createGraph);
}
