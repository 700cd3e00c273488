namespace Myelin.Data;

/// <summary>
/// A data file (CSV, IDX, NPY or a built-in data set) is malformed. The message names the file,
/// where the problem is (a 1-based line for text, a 0-based byte offset for binary data) and
/// what is wrong, for example <c>iris.csv: line 17: expected 5 fields, found 4</c>. It derives
/// from <see cref="IOException"/>, so code that handles file errors in general also catches it.
/// </summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="fileName">The file or stream name the data came from.</param>
    /// <param name="reason">What is wrong, as a sentence fragment.</param>
    /// <param name="line">The 1-based line number in a text file, if known.</param>
    /// <param name="byteOffset">The 0-based byte offset in a binary file (after decompression), if known.</param>
    public DataFormatException(string fileName, string reason, long? line = null, long? byteOffset = null)
        : base(Compose(fileName, reason, line, byteOffset))
    {
        FileName = fileName;
        Reason = reason;
        Line = line;
        ByteOffset = byteOffset;
    }

    /// <summary>The file or stream name the data came from.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line number of the problem in a text file, or null.</summary>
    public long? Line { get; }

    /// <summary>The 0-based byte offset of the problem in a binary file (counted after gzip decompression), or null.</summary>
    public long? ByteOffset { get; }

    static string Compose(string fileName, string reason, long? line, long? byteOffset)
    {
        string where = line is { } l ? $"line {l}: " : byteOffset is { } o ? $"byte {o}: " : "";
        return $"{fileName}: {where}{reason}";
    }
}
