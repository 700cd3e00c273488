namespace Myelin.Learn;

/// <summary>
/// The CRC-32 checksum PNG chunks end with (the ISO-HDLC polynomial 0xEDB88320, reflected, as in zlib),
/// computed byte by byte with a 256-entry table.
/// </summary>
internal static class Crc32
{
    static readonly uint[] Table = BuildTable();

    static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The CRC of the bytes, continuing from a previous <paramref name="crc"/> (start with 0).</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes, uint crc = 0)
    {
        uint c = crc ^ 0xFFFFFFFFu;
        foreach (byte b in bytes)
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
