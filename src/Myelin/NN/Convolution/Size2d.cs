namespace Myelin.NN;

/// <summary>
/// A size for each of the two spatial dimensions (height, width) of a 2-D layer setting: a kernel size,
/// stride, padding or dilation. An <see cref="int"/> converts to the same size for both dimensions and a
/// tuple (h, w) to one per dimension, so <c>kernelSize: 3</c> and <c>kernelSize: (3, 5)</c> both work, as
/// in PyTorch.
/// </summary>
public readonly struct Size2d
{
    // Remembers whether the value was written as one number: pooling layers print it back that way, as PyTorch does.
    readonly bool isPair;

    /// <summary>A size per dimension.</summary>
    public Size2d(int height, int width)
    {
        Height = height;
        Width = width;
        isPair = true;
    }

    Size2d(int size)
    {
        Height = size;
        Width = size;
        isPair = false;
    }

    /// <summary>The size along the height (rows).</summary>
    public int Height { get; }

    /// <summary>The size along the width (columns).</summary>
    public int Width { get; }

    /// <summary>The same size for both dimensions.</summary>
    public static implicit operator Size2d(int size) => new(size);

    /// <summary>A size per dimension, (height, width).</summary>
    public static implicit operator Size2d((int Height, int Width) size) => new(size.Height, size.Width);

    /// <summary>The pair as a tuple.</summary>
    public (int Height, int Width) ToTuple() => (Height, Width);

    /// <summary>The pair as Python prints it: "(3, 5)", or "3" when it was given as one number.</summary>
    public override string ToString() => isPair ? $"({Height}, {Width})" : Height.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pair as a Python tuple, "(3, 3)", however it was given.</summary>
    internal string ToTupleString() => $"({Height}, {Width})";
}
