namespace Myelin.Tests.IO.Model;

/// <summary>
/// Passes writes through to another stream until <c>failAfter</c> bytes have been written, then throws
/// an <see cref="IOException"/>, as a full disk or a crash midway through a save would.
/// </summary>
internal sealed class CheckpointFailingStream(Stream inner, long failAfter) : Stream
{
    long written;

    public long Written => written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long room = failAfter - written;
        if (buffer.Length > room)
        {
            inner.Write(buffer[..(int)Math.Max(room, 0)]);
            written = failAfter;
            throw new IOException($"simulated failure after {failAfter} bytes");
        }
        inner.Write(buffer);
        written += buffer.Length;
    }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
