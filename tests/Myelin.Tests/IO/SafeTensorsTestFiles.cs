using System.Buffers.Binary;
using System.Text;

namespace Myelin.Tests.IO;

/// <summary>Builders for tensors and hand-made safetensors bytes, and a scratch directory that cleans up after itself.</summary>
internal static class SafeTensorsTestFiles
{
    public static Tensor Make<T>(T[] values, params int[] shape) => new(new Storage(values, DTypeInfo.Of<T>()), shape);

    /// <summary>8-byte length, the header text as given (no padding), then the data bytes.</summary>
    public static byte[] Build(string headerJson, byte[] data) => Build(Encoding.UTF8.GetBytes(headerJson), data);

    public static byte[] Build(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>A file with the given header and <paramref name="dataLength"/> zero bytes of data.</summary>
    public static byte[] Build(string headerJson, int dataLength) => Build(headerJson, new byte[dataLength]);
}
