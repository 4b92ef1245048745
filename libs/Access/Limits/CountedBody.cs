using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.Access.Limits;

/// <summary>A request body that fails the read which takes it past its limit (see <see cref="BodyLimits"/>).</summary>
internal sealed class CountedBody(Stream inner, long limit) : Stream
{
    private long _read;

    /// <summary>Whether a read went past the limit (a handler may have caught the exception and answered itself).</summary>
    public bool Exceeded => _read > limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new BodyTooLargeException(limit) : read;
    }
}

/// <summary>A body went past its endpoint's limit; answered with 413 by <see cref="BodyLimits"/>.</summary>
internal sealed class BodyTooLargeException(long limit)
    : BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
