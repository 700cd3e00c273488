namespace Myelin.IO;

/// <summary>
/// Writes files so that readers see either the old contents or the complete new contents, never
/// a half-written file: the data goes to a temporary file in the same directory, is flushed to
/// disk, and is then renamed over the target.
/// </summary>
/// <remarks>
/// If the write fails, the temporary file is deleted and the target is left as it was. If the
/// process dies mid-write, a file named "<c>target.xxxxxxxxxxxxxxxx.tmp</c>" may be left beside
/// the target; the target itself is still intact. The rename is atomic on POSIX file systems and
/// on NTFS. The directory entry is not flushed separately, so after a power loss the target may
/// still show its old contents (but never a mix). The new file is created with default
/// permissions; it does not inherit those of the file it replaces.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Replaces (or creates) <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    /// <param name="path">The file to write. Its directory must exist.</param>
    /// <param name="write">Writes the new contents to the given stream; it must not dispose the stream.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The path's directory does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names a root directory, not a file.", nameof(path));
        // Same directory as the target: a rename across file systems would not be atomic.
        string temporary = Path.Combine(directory, $"{Path.GetFileName(fullPath)}.{Guid.NewGuid().ToString("N")[..16]}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
