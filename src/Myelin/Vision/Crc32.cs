namespace Myelin.Vision;

/// <summary>
/// The CRC-32 checksum of PNG chunks (ISO 3309, the same as zlib's and gzip's): polynomial 0xEDB88320
/// (reflected), initial value and final XOR 0xFFFFFFFF. Computed with a 256-entry table.
/// </summary>
internal static class Crc32
{
    static readonly uint[] table = BuildTable();

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// The checksum of the bytes already summed into <paramref name="crc"/> followed by <paramref name="data"/>,
    /// so a chunk's type and contents can be summed without copying them together.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    static uint[] BuildTable()
    {
        var result = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            result[n] = c;
        }
        return result;
    }
}
