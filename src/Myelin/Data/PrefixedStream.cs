namespace Myelin.Data;

/// <summary>
/// A read-only stream that first replays a few bytes already read from another stream and then
/// continues with that stream. It lets a reader peek at magic bytes (to spot gzip) on streams
/// that cannot seek back.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest, bool leaveOpen) : Stream
{
    int prefixPosition;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (prefixPosition < prefix.Length)
        {
            int n = Math.Min(buffer.Length, prefix.Length - prefixPosition);
            prefix.AsSpan(prefixPosition, n).CopyTo(buffer);
            prefixPosition += n;
            return n;
        }
        return rest.Read(buffer);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) rest.Dispose();
        base.Dispose(disposing);
    }
}
