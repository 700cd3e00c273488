namespace Myelin.IO;

/// <summary>
/// Reads and writes the safetensors format: named tensors and string metadata in one file that
/// PyTorch, Hugging Face tools and Myelin all read, and that can never run code on load.
/// </summary>
/// <remarks>
/// <para>
/// A file is an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each name to
/// {"dtype", "shape", "data_offsets": [begin, end]} (plus an optional "__metadata__" object of
/// strings), then the tensors' raw little-endian bytes. Readers check every rule of the format and
/// throw <see cref="SafeTensorsFormatException"/> naming the file, the tensor and the fault.
/// </para>
/// <para>
/// Float32, Float64, Int32, Int64 and Bool load as themselves. Other file dtypes widen exactly:
/// U8, I8, I16, U16 to Int32; U32, U64 to Int64; F16, BF16, F8_E4M3, F8_E5M2 to Float32
/// (see <see cref="SafeTensorsDTypeInfo.LoadsAs"/>). Writing stores each tensor in its own dtype.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>The largest header accepted, in bytes (the limit of the reference implementation).</summary>
    public const int MaxHeaderLength = 100_000_000;

    /// <summary>Loads every tensor of a safetensors file, by name, in the order of its header.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="NotSupportedException">A tensor has more elements than a Myelin tensor can hold, or a U64 value exceeds Int64.</exception>
    public static Dictionary<string, Tensor> Load(string path) => new(Read(path).Tensors, StringComparer.Ordinal);

    /// <summary>Reads the tensors and metadata of a safetensors file.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="NotSupportedException">A tensor has more elements than a Myelin tensor can hold, or a U64 value exceeds Int64.</exception>
    public static SafeTensorsFile Read(string path)
    {
        using var stream = OpenRead(path);
        return SafeTensorsReader.Read(stream, path);
    }

    /// <summary>
    /// Reads the tensors and metadata from <paramref name="stream"/>, from its current position to
    /// its end. A stream that cannot seek is buffered in memory first. The stream is left open.
    /// </summary>
    /// <exception cref="SafeTensorsFormatException">The data is not valid safetensors.</exception>
    /// <exception cref="NotSupportedException">A tensor has more elements than a Myelin tensor can hold, or a U64 value exceeds Int64.</exception>
    public static SafeTensorsFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return SafeTensorsReader.Read(stream, NameOf(stream));
    }

    /// <summary>
    /// Reads and validates only the header of a safetensors file: names, dtypes, shapes, byte ranges
    /// and metadata, without reading the tensors' data.
    /// </summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        using var stream = OpenRead(path);
        return SafeTensorsReader.ReadHeader(stream, path);
    }

    /// <summary>
    /// Reads and validates the header of the safetensors data starting at the current position of a
    /// seekable <paramref name="stream"/>, leaving the stream at the start of the tensor data.
    /// </summary>
    /// <exception cref="ArgumentException">The stream cannot seek (its length is needed to validate the header).</exception>
    /// <exception cref="SafeTensorsFormatException">The data is not valid safetensors.</exception>
    public static SafeTensorsHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
            throw new ArgumentException("SafeTensors.ReadHeader needs a seekable stream to check the header against the data length.", nameof(stream));
        return SafeTensorsReader.ReadHeader(stream, NameOf(stream));
    }

    /// <summary>
    /// Writes tensors and optional metadata to a safetensors file, atomically: the file is replaced
    /// only once the new contents are complete (see <see cref="AtomicFile"/>).
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">Names and tensors, such as a state dict; the header lists them in this order. Tensors must be contiguous.</param>
    /// <param name="metadata">Free-form strings stored under "__metadata__", or null for none.</param>
    /// <exception cref="ArgumentException">A name is null, repeated or "__metadata__", a tensor is not contiguous, or a metadata value is null.</exception>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Validate before touching the file system, so bad arguments leave no trace.
        var writer = SafeTensorsWriter.Prepare(tensors, metadata);
        AtomicFile.Write(path, writer.WriteTo);
    }

    /// <summary>Writes tensors and optional metadata in the safetensors format to <paramref name="stream"/>, which is left open.</summary>
    /// <exception cref="ArgumentException">A name is null, repeated or "__metadata__", a tensor is not contiguous, or a metadata value is null.</exception>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SafeTensorsWriter.Prepare(tensors, metadata).WriteTo(stream);
    }

    /// <summary>Returns the bytes of a safetensors file holding the tensors and optional metadata.</summary>
    /// <exception cref="ArgumentException">A name is null, repeated or "__metadata__", a tensor is not contiguous, or a metadata value is null.</exception>
    /// <exception cref="InvalidOperationException">The file would be larger than a byte array can hold.</exception>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var writer = SafeTensorsWriter.Prepare(tensors, metadata);
        if (writer.Length > Array.MaxLength)
            throw new InvalidOperationException(
                $"SafeTensors.Serialize: the file would be {writer.Length} bytes, too large for a byte array; use Save or Write instead.");
        var stream = new MemoryStream((int)writer.Length);
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Unbuffered: the reader already reads in large chunks.
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
    }

    static string? NameOf(Stream stream) => stream is FileStream file ? file.Name : null;
}
