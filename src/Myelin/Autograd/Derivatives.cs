using Myelin.Backends.Cpu;

namespace Myelin;

/// <summary>
/// The derivative table: for each primitive, the gradients of its inputs given the gradient
/// <c>g</c> of its output (vector-Jacobian products). Rules are written with tensor operations,
/// so running them with gradients enabled gives higher derivatives. Rules may return gradients in
/// the broadcast shape; <see cref="Engine"/> sums them back to each input's shape.
/// </summary>
internal static class Derivatives
{
    const double TwoOverSqrtPi = 1.1283791670955126;
    const double InvSqrt2 = 0.7071067811865476;
    const double InvSqrt2Pi = 0.3989422804014327;
    const double Sqrt2OverPi = 0.7978845608028654;

    public static Tensor?[] Backward(Node node, Tensor g)
    {
        Tensor A() => node.SavedInput(0);
        Tensor B() => node.SavedInput(1);
        Tensor Y() => node.SavedOutput();
        bool Needs(int i) => node.Inputs[i].RequiresGrad;
        Tensor? If(int i, Func<Tensor> rule) => Needs(i) ? rule() : null;
        int[] inputShape = node.InputShapes[0];
        var dtype = node.Inputs[0].DType;

        switch (node.Op)
        {
            // d(a+b) = da + db
            case OpKind.Add: return [g, g];
            // d(a−b) = da − db
            case OpKind.Sub: return [g, If(1, () => -g)];
            // d(ab) = b·da + a·db
            case OpKind.Mul: return [If(0, () => g * B()), If(1, () => g * A())];
            // d(a/b) = da/b − a·db/b²
            case OpKind.Div: return [If(0, () => g / B()), If(1, () => -g * A() / (B() * B()))];
            // d(aᵇ) = b·aᵇ⁻¹·da + aᵇ·ln a·db   (the db term is 0 where a = 0)
            case OpKind.Pow:
                return [If(0, () => g * B() * A().Pow(B() - 1)),
                        If(1, () => Tensor.Where(A().Eq(0), 0.0, g * Y() * A().Log()))];
            // max(a, b): the gradient goes to the larger; ties split it equally
            case OpKind.Maximum:
            case OpKind.Minimum:
            {
                var winnerA = (node.Op == OpKind.Maximum ? A().Gt(B()) : A().Lt(B())).To(g.DType);
                var tie = A().Eq(B()).To(g.DType) * 0.5;
                return [If(0, () => g * (winnerA + tie)), If(1, () => g * (1.0 - winnerA - tie))];
            }
            // d(−a) = −da
            case OpKind.Neg: return [-g];
            // d|a| = sign(a)·da
            case OpKind.Abs: return [g * A().Sign()];
            // d eᵃ = eᵃ·da
            case OpKind.Exp: return [g * Y()];
            // d ln a = da / a
            case OpKind.Log: return [g / A()];
            // d √a = da / (2√a)
            case OpKind.Sqrt: return [g / (Y() * 2.0)];
            // d a^(−1/2) = −½·a^(−3/2)·da
            case OpKind.Rsqrt: return [g * Y() * Y() * Y() * -0.5];
            // d sin a = cos a·da
            case OpKind.Sin: return [g * A().Cos()];
            // d cos a = −sin a·da
            case OpKind.Cos: return [-g * A().Sin()];
            // d tanh a = (1 − tanh²a)·da
            case OpKind.Tanh: return [g * (1.0 - Y() * Y())];
            // d σ(a) = σ(a)(1 − σ(a))·da
            case OpKind.Sigmoid: return [g * Y() * (1.0 - Y())];
            // d relu(a) = [a > 0]·da
            case OpKind.Relu: return [Autograd.IsGradEnabled ? Tensor.Where(A().Gt(0), g, 0.0) : Tensor.ReluBackward(A(), g)];
            // d leaky(a) = (a > 0 ? 1 : slope)·da
            case OpKind.LeakyRelu: return [Tensor.Where(A().Gt(0), g, g * node.Scalar)];
            // d erf a = (2/√π)·e^(−a²)·da
            case OpKind.Erf: return [g * (A() * A() * -1.0).Exp() * TwoOverSqrtPi];
            // d (a·Φ(a)) = (Φ(a) + a·φ(a))·da
            case OpKind.Gelu:
            {
                var a = A();
                var cdf = ((a * InvSqrt2).Erf() + 1.0) * 0.5;
                var pdf = (a * a * -0.5).Exp() * InvSqrt2Pi;
                return [g * (cdf + a * pdf)];
            }
            // d ½a(1 + tanh u), u = √(2/π)(a + 0.044715a³)
            case OpKind.GeluTanh:
            {
                var a = A();
                var t = ((a + a * a * a * 0.044715) * Sqrt2OverPi).Tanh();
                var du = (a * a * (3 * 0.044715) + 1.0) * Sqrt2OverPi;
                return [g * ((t + 1.0) * 0.5 + a * 0.5 * (1.0 - t * t) * du)];
            }
            // where(c, a, b): the gradient follows the branch that was taken
            case OpKind.Where:
            {
                var condition = node.SavedInput(0);
                return [null, If(1, () => Tensor.Where(condition, g, 0.0)), If(2, () => Tensor.Where(condition, 0.0, g))];
            }
            // d Σa = broadcast of the upstream gradient over the summed axes
            case OpKind.Sum:
                return [KeepDims(node, g).Expand(inputShape)];
            // d max a: to the elements equal to the maximum, shared equally among ties
            case OpKind.Amax:
            case OpKind.Amin:
            {
                var axes = node.Ints[1..];
                var mask = A().Eq(KeepDims(node, Y())).To(g.DType);
                return [KeepDims(node, g) * mask / mask.Sum(axes, keepDim: true)];
            }
            // softmax: dx = y ⊙ (g − Σ g⊙y)
            case OpKind.Softmax:
            {
                var y = Y();
                return [y * (g - (g * y).Sum(node.Ints[0], keepDim: true))];
            }
            // log-softmax: dx = g − softmax(x)·Σ g
            case OpKind.LogSoftmax:
                return [g - Y().Exp() * g.Sum(node.Ints[0], keepDim: true)];
            // C = AB: dA = g·Bᵀ, dB = Aᵀ·g (a shared 2-D B sums over the batch in one product)
            case OpKind.MatMul:
            {
                var b = node.InputShapes[1];
                return [If(0, () => g.MatMul(B().MT)),
                        If(1, () => b.Length == 2 && inputShape.Length > 2
                            ? A().Reshape(-1, inputShape[^1]).T.MatMul(g.Reshape(-1, b[1]))
                            : A().MT.MatMul(g))];
            }
            // y = x·Wᵀ + b: dx = g·W, dW = gᵀ·x (rows flattened), db = Σ g over the rows
            case OpKind.Linear:
            {
                var weightShape = node.InputShapes[1];
                return [If(0, () => g.MatMul(B())),
                        If(1, () => g.Reshape(-1, weightShape[0]).T.MatMul(A().Reshape(-1, weightShape[1]))),
                        node.Inputs.Length > 2 && Needs(2) ? g.Reshape(-1, weightShape[0]).Sum(0) : null];
            }
            // layout changes: move the gradient back through the inverse layout change
            case OpKind.Reshape: return [g.Reshape(inputShape)];
            case OpKind.Permute:
            {
                var inverse = new int[node.Ints.Length];
                for (int i = 0; i < inverse.Length; i++) inverse[node.Ints[i]] = i;
                return [g.Permute(inverse)];
            }
            case OpKind.Expand: return [g];
            case OpKind.Copy: return [g];
            case OpKind.Cast: return [g.To(dtype)];
            // slice: the gradient lands in the sliced positions of a zero tensor
            case OpKind.Slice:
                return [Tensor.Zeros(inputShape, dtype).SliceScatter(g, node.Ints[0], node.Ints[1], node.Ints[3])];
            case OpKind.SliceScatter:
            {
                int dim = node.Ints[0], start = node.Ints[1], step = node.Ints[2];
                int length = node.InputShapes[1][dim];
                return [If(0, () => g.SliceScatter(Tensor.Zeros(node.InputShapes[1], g.DType), dim, start, step)),
                        If(1, () => g.Slice(dim, start, start + (length - 1) * step + 1, step))];
            }
            // cat: each input gets its own stretch of the gradient
            case OpKind.Cat:
            {
                int dim = node.Ints[0], position = 0;
                var grads = new Tensor?[node.Inputs.Length];
                for (int i = 0; i < grads.Length; i++)
                {
                    int size = node.Ints[i + 1];
                    if (Needs(i)) grads[i] = g.Narrow(dim, position, size);
                    position += size;
                }
                return grads;
            }
            // gather: scatter the gradient back to where the values came from
            case OpKind.Gather:
                return [Tensor.Zeros(inputShape, dtype).ScatterAdd(node.Ints[0], B(), g), null];
            case OpKind.ScatterAdd:
                return [g, null, If(2, () => g.Gather(node.Ints[0], B()))];
            case OpKind.IndexSelect:
                return [Tensor.Zeros(inputShape, dtype).IndexAdd(node.Ints[0], B(), g), null];
            case OpKind.IndexAdd:
                return [g, null, If(2, () => g.IndexSelect(node.Ints[0], B()))];
            // unfold and fold are linear and each other's adjoint: overlapping blocks sum their gradients
            case OpKind.Unfold:
                return [g.FoldBlocks(UnfoldGeometry.FromAttributes(inputShape[1], node.Ints))];
            case OpKind.Fold:
            {
                var geometry = UnfoldGeometry.FromAttributes(inputShape[1] / (node.Ints[2] * node.Ints[3]), node.Ints);
                return [g.UnfoldBlocks(geometry, padValue: 0)];
            }
            // convolution y = W ⋆ x + b: dx = Fold(Wᵀ·g), dW = Σₙ g·Unfold(x)ᵀ, db = Σ g over images and positions
            case OpKind.Conv2d:
                return Tensor.Conv2dBackward(g, Needs(1) ? A() : null, Needs(0) ? B() : null, inputShape, node.InputShapes[1],
                    UnfoldGeometry.FromAttributes(inputShape[1], node.Ints), node.Ints[^1],
                    Needs(0), Needs(1), node.Inputs.Length > 2 && Needs(2));
            // max pooling: each window's gradient goes to the element it took the maximum from (saved as input 1)
            case OpKind.MaxPool2d:
                return [Tensor.MaxPool2dBackward(g, B(), inputShape, UnfoldGeometry.FromAttributes(1, node.Ints)), null];
            default:
                throw new NotSupportedException($"Backward: no derivative rule for {node.Op}.");
        }
    }

    /// <summary>Puts back the reduced axes as size 1 when the reduction dropped them (Ints = [keepDim, axes…]).</summary>
    static Tensor KeepDims(Node node, Tensor reduced)
    {
        if (node.Ints[0] == 1) return reduced;
        return reduced.Reshape(Tensor.ReducedShape(node.InputShapes[0], node.Ints[1..], keepDim: true));
    }
}
