namespace Myelin;

/// <summary>
/// The primitive operations the autograd engine knows. Everything else (mean, variance,
/// log-sum-exp, losses, layers) is composed from these; each has one entry in
/// <see cref="Derivatives"/>.
/// </summary>
internal enum OpKind
{
    // Elementwise, two inputs (broadcasting)
    Add, Sub, Mul, Div, Pow, Maximum, Minimum,
    // Elementwise, one input
    Neg, Abs, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tanh, Sigmoid, Relu, LeakyRelu, Erf, Gelu, GeluTanh,
    // Selection
    Where,
    // Reductions
    Sum, Amax, Amin, Softmax, LogSoftmax,
    // Linear algebra
    MatMul, Linear,
    // Layout (views and copies)
    Reshape, Permute, Expand, Slice, SliceScatter, Cat, Copy, Cast,
    // Indexing
    Gather, ScatterAdd, IndexSelect, IndexAdd,
    // Sliding blocks (im2col and col2im), for convolution and pooling
    Unfold, Fold,
    // Fused image layers: convolution without the column matrix, max pooling with the argmax
    Conv2d, MaxPool2d,
}
