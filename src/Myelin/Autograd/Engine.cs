namespace Myelin;

/// <summary>
/// Reverse-mode differentiation: orders the graph behind the outputs (iteratively, so deep
/// graphs cannot overflow the stack), then hands each node's gradient to its rule in
/// <see cref="Derivatives"/> and routes the results to the inputs. Broadcasting is undone here,
/// once, by summing each input's gradient back to the input's shape.
/// </summary>
internal static class Engine
{
    public static void Backward(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor>? gradOutputs, bool retainGraph, bool createGraph) =>
        Run(outputs, gradOutputs, retainGraph, createGraph, capture: null);

    /// <summary>
    /// Runs backward from <paramref name="outputs"/>. With <paramref name="capture"/> null, leaf
    /// gradients accumulate into <see cref="Tensor.Grad"/>; otherwise the gradients of the captured
    /// tensors are returned and no <see cref="Tensor.Grad"/> is touched.
    /// </summary>
    public static Tensor?[] Run(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor>? gradOutputs,
        bool retainGraph, bool createGraph, IReadOnlyList<Tensor>? capture)
    {
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
            throw new ArgumentException($"Backward: {outputs.Count} outputs but {gradOutputs.Count} gradients.");
        // Higher derivatives differentiate through the forward graph again, so it must survive.
        retainGraph |= createGraph;
        var captured = new Tensor?[capture?.Count ?? 0];
        var nodeGrads = new Dictionary<Node, Tensor>(ReferenceEqualityComparer.Instance);
        // Gradient buffers the engine created itself and may therefore add into in place.
        var owned = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var roots = new List<Node>();

        using var mode = createGraph ? Autograd.EnableGrad() : Autograd.NoGrad();
        for (int i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (!output.RequiresGrad)
                throw new InvalidOperationException(
                    $"Backward: the tensor of shape {Layout.Format(output.shape)} does not require gradients, so there is nothing to differentiate. " +
                    "Set RequiresGrad = true on the parameters, and do not compute the loss inside Autograd.NoGrad().");
            var seed = gradOutputs?[i];
            if (seed is null)
            {
                if (output.NumElements != 1)
                    throw new InvalidOperationException(
                        $"Backward: the tensor has shape {Layout.Format(output.shape)}; gradients can be implied only for a scalar. " +
                        "Reduce it first (e.g. .Sum() or .Mean()) or pass a gradient of the same shape.");
                seed = Tensor.OnesLike(output);
            }
            else if (!Layout.SameShape(seed.shape, output.shape))
            {
                throw new ArgumentException($"Backward: the gradient's shape {Layout.Format(seed.shape)} does not match the tensor's shape {Layout.Format(output.shape)}.");
            }
            seed = seed.To(output.DType);
            if (output.GradFn is null) Deliver(output, seed, seed, capture, captured, createGraph);
            else
            {
                Accumulate(nodeGrads, owned, output.GradFn, seed);
                roots.Add(output.GradFn);
            }
        }

        foreach (var node in TopologicalOrder(roots))
        {
            if (!nodeGrads.Remove(node, out var grad)) continue;
            var output = node.SavedOutput();
            int index = IndexOf(capture, output);
            if (index >= 0) captured[index] = Accumulated(captured[index], grad);
            if (output.retainsGrad && capture is null)
                output.Grad = output.Grad is null ? grad.Detach() : output.Grad.Detach() + grad.Detach();

            if (!createGraph && node.Op == OpKind.Slice && TryAccumulateSlice(node, grad, nodeGrads, owned, capture))
            {
                if (!retainGraph) node.Release();
                continue;
            }

            var inputGrads = Derivatives.Backward(node, grad);
            var inputs = node.Inputs;
            for (int i = 0; i < inputs.Length; i++)
            {
                var input = inputs[i];
                var inputGrad = inputGrads[i];
                if (inputGrad is null || !input.RequiresGrad) continue;
                inputGrad = SumToShape(inputGrad, input.shape).To(input.DType);
                if (input.GradFn is not null) Accumulate(nodeGrads, owned, input.GradFn, inputGrad);
                else Deliver(input, inputGrad, grad, capture, captured, createGraph);
            }
            if (!retainGraph) node.Release();
        }
        return captured;
    }

    static int IndexOf(IReadOnlyList<Tensor>? capture, Tensor tensor)
    {
        if (capture is null) return -1;
        for (int i = 0; i < capture.Count; i++)
            if (ReferenceEquals(capture[i], tensor)) return i;
        return -1;
    }

    static Tensor Accumulated(Tensor? existing, Tensor grad) => existing is null ? grad : existing + grad;

    static void Accumulate(Dictionary<Node, Tensor> grads, HashSet<Tensor> owned, Node node, Tensor grad)
    {
        if (!grads.TryGetValue(node, out var existing))
        {
            grads[node] = grad;
            return;
        }
        var sum = existing + grad;
        owned.Add(sum);
        grads[node] = sum;
    }

    /// <summary>
    /// The gradient of a slice lands in a region of its input's gradient. Adding it there in place
    /// (into a buffer the engine owns) keeps many slices of one tensor — the time steps of an RNN,
    /// the heads of attention — linear in cost, where building a full zero tensor per slice would
    /// be quadratic. Returns false when the general rule must run instead.
    /// </summary>
    static bool TryAccumulateSlice(Node node, Tensor grad, Dictionary<Node, Tensor> nodeGrads, HashSet<Tensor> owned, IReadOnlyList<Tensor>? capture)
    {
        var input = node.Inputs[0];
        if (!input.RequiresGrad) return true;
        Tensor target;
        if (input.GradFn is { } producer)
        {
            if (!nodeGrads.TryGetValue(producer, out var existing) || !owned.Contains(existing))
            {
                target = existing is null ? Tensor.Zeros(input.shape, input.DType) : existing.Detach().Clone();
                owned.Add(target);
                nodeGrads[producer] = target;
            }
            else
            {
                target = existing;
            }
        }
        else
        {
            if (capture is not null) return false;
            if (input.Grad is null) input.Grad = Tensor.Zeros(input.shape, input.DType);
            else if (input.Grad.RequiresGrad || !input.Grad.IsContiguous) return false;
            target = input.Grad;
        }
        int dim = node.Ints[0], start = node.Ints[1], length = node.Ints[2], step = node.Ints[3];
        if (length == 0) return true;
        var regionShape = (int[])target.shape.Clone();
        regionShape[dim] = length;
        var regionStrides = (int[])target.strides.Clone();
        regionStrides[dim] *= step;
        target.View(regionShape, regionStrides, target.offset + start * target.strides[dim]).AddInPlace(grad.To(target.DType));
        return true;
    }

    /// <summary>Gives a gradient to a leaf: returned when captured, else added to its Grad.</summary>
    static void Deliver(Tensor leaf, Tensor grad, Tensor upstream, IReadOnlyList<Tensor>? capture, Tensor?[] captured, bool createGraph)
    {
        if (capture is not null)
        {
            int index = IndexOf(capture, leaf);
            if (index >= 0) captured[index] = Accumulated(captured[index], grad);
            return;
        }
        if (leaf.Grad is null)
        {
            // The stored gradient must own its memory: optimizers and ZeroGrad may write to it.
            bool shared = ReferenceEquals(grad.storage, upstream.storage) || !grad.IsContiguous || grad.offset != 0;
            leaf.Grad = createGraph ? grad : shared ? grad.Detach().Clone() : grad.Detach();
        }
        else if (createGraph || leaf.Grad.RequiresGrad)
        {
            leaf.Grad = leaf.Grad + grad;
        }
        else
        {
            leaf.Grad.AddInPlace(grad);
        }
    }

    /// <summary>Sums a gradient over the dimensions that broadcasting added or stretched, giving <paramref name="shape"/>.</summary>
    internal static Tensor SumToShape(Tensor grad, int[] shape)
    {
        if (Layout.SameShape(grad.shape, shape)) return grad;
        int lead = grad.Rank - shape.Length;
        if (lead < 0)
            throw new InvalidOperationException($"Internal: gradient {Layout.Format(grad.shape)} has fewer dimensions than its input {Layout.Format(shape)}.");
        var axes = new List<int>();
        for (int d = 0; d < grad.Rank; d++)
            if (d < lead || (shape[d - lead] == 1 && grad.shape[d] != 1)) axes.Add(d);
        var summed = axes.Count == 0 ? grad : grad.Sum([.. axes], keepDim: true);
        return summed.Reshape(shape);
    }

    /// <summary>Nodes reachable from the roots, each after every node that consumes its output.</summary>
    static List<Node> TopologicalOrder(List<Node> roots)
    {
        var postOrder = new List<Node>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node Node, int NextInput)>();
        foreach (var root in roots)
        {
            if (!visited.Add(root)) continue;
            if (root.IsReleased) _ = root.Inputs; // throws the "graph already freed" error
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var inputs = node.Inputs;
                bool descended = false;
                for (int i = next; i < inputs.Length; i++)
                {
                    var child = inputs[i].GradFn;
                    if (child is null || !inputs[i].RequiresGrad || !visited.Add(child)) continue;
                    if (child.IsReleased) _ = child.Inputs;
                    stack.Push((node, i + 1));
                    stack.Push((child, 0));
                    descended = true;
                    break;
                }
                if (!descended) postOrder.Add(node);
            }
        }
        postOrder.Reverse();
        return postOrder;
    }
}
