using Myelin.IO;

namespace Myelin.Tests.IO;

public class AtomicFileTests : IDisposable
{
    readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void CreatesANewFileAndLeavesNothingElse()
    {
        string path = scratch.File("new.bin");
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["new.bin"], scratch.Entries());
    }

    [Fact]
    public void ReplacesAnExistingFile()
    {
        string path = scratch.File("model.bin");
        File.WriteAllBytes(path, [9, 9, 9, 9, 9, 9]);
        AtomicFile.Write(path, s => s.Write([1, 2]));
        Assert.Equal([1, 2], File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], scratch.Entries());
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileIntactAndNoTemporaryFile()
    {
        string path = scratch.File("model.bin");
        File.WriteAllBytes(path, [7, 7, 7]);
        var failure = new IOException("disk full (simulated)");

        var thrown = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            s.Flush();
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Equal([7, 7, 7], File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], scratch.Entries());
    }

    [Fact]
    public void AFailedWriteOfANewFileCreatesNothing()
    {
        string path = scratch.File("never.bin");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("stop");
        }));
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void WritesThroughARelativePath()
    {
        // The temporary file must land beside the target, not in the current directory.
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, scratch.File("relative.bin"));
        AtomicFile.Write(relative, s => s.WriteByte(42));
        Assert.Equal([42], File.ReadAllBytes(scratch.File("relative.bin")));
        Assert.Equal(["relative.bin"], scratch.Entries());
    }

    [Fact]
    public void AMissingDirectoryIsReportedAndNothingIsCreated()
    {
        string path = Path.Combine(scratch.Path, "missing", "x.bin");
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, s => s.WriteByte(1)));
        Assert.Empty(scratch.Entries());
    }
}
