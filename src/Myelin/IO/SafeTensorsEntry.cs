using System.Collections.Immutable;

namespace Myelin.IO;

/// <summary>
/// One tensor as a safetensors header describes it: its name, dtype, shape and where its bytes lie
/// in the data buffer that follows the header. Reading a header yields these without touching the data.
/// </summary>
public sealed class SafeTensorsEntry
{
    /// <summary>Creates an entry; the header parser has already checked the values.</summary>
    /// <param name="name">The tensor's name (its state-dict key).</param>
    /// <param name="dtype">The element type stored in the file.</param>
    /// <param name="shape">The size of each dimension, outermost first (empty for a scalar).</param>
    /// <param name="begin">The first byte of the tensor's data, counted from the start of the data buffer.</param>
    /// <param name="end">One past the last byte of the tensor's data.</param>
    internal SafeTensorsEntry(string name, SafeTensorsDType dtype, ImmutableArray<int> shape, long begin, long end)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Begin = begin;
        End = end;
    }

    /// <summary>The tensor's name (its state-dict key, such as "0.weight").</summary>
    public string Name { get; }

    /// <summary>The element type stored in the file.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The size of each dimension, outermost first (empty for a scalar).</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The first byte of the tensor's data, counted from the start of the data buffer.</summary>
    public long Begin { get; }

    /// <summary>One past the last byte of the tensor's data, counted from the start of the data buffer.</summary>
    public long End { get; }

    /// <summary>The number of bytes the tensor's data occupies in the file.</summary>
    public long ByteLength => End - Begin;

    /// <summary>The number of elements (the product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long NumElements
    {
        get
        {
            long n = 1;
            foreach (int d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>Describes the entry as "name: F32 [2, 3] bytes 0..24".</summary>
    public override string ToString() =>
        $"{Name}: {DType.Code()} [{string.Join(", ", Shape)}] bytes {Begin}..{End}";
}
