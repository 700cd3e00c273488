namespace Myelin.IO;

/// <summary>
/// Thrown when a safetensors file breaks the format: a header length that does not fit, a header
/// that is not a JSON object, an unknown dtype, a shape that disagrees with its byte range, byte
/// ranges that overlap or leave gaps, and so on. The message names the file (when known), the
/// tensor (when one is at fault) and what is wrong.
/// </summary>
public sealed class SafeTensorsFormatException : FormatException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public SafeTensorsFormatException() : base("The safetensors data is malformed.") { }

    /// <summary>Creates an exception with the given message.</summary>
    public SafeTensorsFormatException(string message) : base(message) { }

    /// <summary>Creates an exception with the given message and the exception that revealed the problem.</summary>
    public SafeTensorsFormatException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>
    /// Creates an exception whose message is "<paramref name="filePath"/>: tensor
    /// '<paramref name="tensorName"/>': <paramref name="problem"/>", leaving out the parts that are null.
    /// </summary>
    /// <param name="filePath">The file being read, or null for a stream with no name.</param>
    /// <param name="tensorName">The tensor at fault, or null when the problem is not about one tensor.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public SafeTensorsFormatException(string? filePath, string? tensorName, string problem, Exception? innerException = null)
        : base(Compose(filePath, tensorName, problem), innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file being read, or null when unknown.</summary>
    public string? FilePath { get; }

    /// <summary>The tensor whose entry or data is malformed, or null when the problem is not about one tensor.</summary>
    public string? TensorName { get; }

    static string Compose(string? filePath, string? tensorName, string problem)
    {
        string where = filePath is null ? "safetensors data" : filePath;
        return tensorName is null ? $"{where}: {problem}" : $"{where}: tensor '{tensorName}': {problem}";
    }
}
