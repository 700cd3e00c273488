namespace Myelin;

/// <summary>
/// One recorded operation in the autograd graph: which primitive ran, on which inputs, with
/// which attributes, and the output it produced. Values a backward rule reads are taken through
/// <see cref="SavedInput"/> and <see cref="SavedOutput"/>, which check that nothing overwrote
/// them in place since the forward pass.
/// </summary>
internal sealed class Node
{
    public readonly OpKind Op;
    Tensor[]? inputs;
    readonly int[] inputVersions;
    Tensor? output;
    readonly int outputVersion;

    /// <summary>Integer attributes: axes, a permutation, slice bounds, an input shape.</summary>
    public readonly int[] Ints;

    /// <summary>A scalar attribute (LeakyReLU's slope).</summary>
    public readonly double Scalar;

    /// <summary>The shape of each input, kept after release for error messages and shape rules.</summary>
    public readonly int[][] InputShapes;

    public Node(OpKind op, Tensor[] inputs, Tensor output, int[]? ints, double scalar)
    {
        Op = op;
        this.inputs = inputs;
        this.output = output;
        Ints = ints ?? [];
        Scalar = scalar;
        inputVersions = new int[inputs.Length];
        InputShapes = new int[inputs.Length][];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputVersions[i] = inputs[i].storage.Version;
            InputShapes[i] = inputs[i].shape;
        }
        outputVersion = output.storage.Version;
    }

    /// <summary>True once a backward pass without retainGraph has freed this node.</summary>
    public bool IsReleased => inputs is null;

    /// <summary>The inputs, for walking the graph (not for reading values: use <see cref="SavedInput"/>).</summary>
    public Tensor[] Inputs => inputs ?? throw ReleasedError();

    /// <summary>Input <paramref name="i"/>, checked against in-place modification since the forward pass.</summary>
    public Tensor SavedInput(int i)
    {
        var t = Inputs[i];
        if (t.storage.Version != inputVersions[i])
            throw new InvalidOperationException(
                $"Backward of {Op}: input {i} (shape {Layout.Format(t.shape)}) was modified in place after {Op} used it " +
                $"(its version is {t.storage.Version}, it was {inputVersions[i]}). Compute on a copy (Clone()) instead of writing in place.");
        return t;
    }

    /// <summary>The output, checked against in-place modification since the forward pass.</summary>
    public Tensor SavedOutput()
    {
        var t = output ?? throw ReleasedError();
        if (t.storage.Version != outputVersion)
            throw new InvalidOperationException(
                $"Backward of {Op}: its output (shape {Layout.Format(t.shape)}) was modified in place after the forward pass " +
                $"(version {t.storage.Version}, was {outputVersion}). Compute on a copy (Clone()) instead of writing in place.");
        return t;
    }

    /// <summary>Drops references to inputs and output so their memory can be reclaimed.</summary>
    public void Release()
    {
        inputs = null;
        output = null;
    }

    InvalidOperationException ReleasedError() => new(
        $"Backward: the graph through {Op} was already freed by an earlier Backward(). " +
        "Call Backward(retainGraph: true) the first time if you need to backpropagate through the same graph twice.");
}
