namespace Myelin.IO;

/// <summary>
/// Thrown when a model description, a model file or a checkpoint cannot be read: text that is not a
/// Myelin model description, an unknown layer type, a missing or mistyped field, a file without a
/// description, or weights that do not fit the described model. The message names the file (when
/// there is one), the place in the description (such as <c>model.layers[2]</c>) and the fault.
/// </summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>The fault alone, without the file name and place, to re-raise it for a file.</summary>
    readonly string problem;

    /// <summary>Creates the exception with a generic message.</summary>
    public ModelFormatException() : this("The model description or model file is malformed.") { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ModelFormatException(string message) : this(message, null) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ModelFormatException(string message, Exception? innerException) : base(message, innerException) => problem = message;

    /// <summary>
    /// Creates the exception for the fault <paramref name="problem"/> at <paramref name="jsonPath"/> in the
    /// description of the file <paramref name="filePath"/>; either may be null.
    /// </summary>
    public ModelFormatException(string? filePath, string? jsonPath, string problem, Exception? innerException = null)
        : base(Compose(filePath, jsonPath, problem), innerException)
    {
        FilePath = filePath;
        JsonPath = jsonPath;
        this.problem = problem;
    }

    /// <summary>The file being read, or null when the description came from a string.</summary>
    public string? FilePath { get; }

    /// <summary>Where in the description the fault lies, such as <c>model.layers[2]</c>, or null.</summary>
    public string? JsonPath { get; }

    /// <summary>The same fault, now known to come from <paramref name="filePath"/>.</summary>
    internal ModelFormatException InFile(string filePath) =>
        FilePath is null ? new ModelFormatException(filePath, JsonPath, problem, InnerException) : this;

    static string Compose(string? filePath, string? jsonPath, string problem)
    {
        string where = jsonPath is null ? problem : $"{jsonPath}: {problem}";
        return filePath is null ? where : $"{filePath}: {where}";
    }
}
