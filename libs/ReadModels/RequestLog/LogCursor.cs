using System.Buffers.Binary;
using System.Buffers.Text;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// Where a log page ended: the last row's <c>(occurred_at, seq)</c>, the log's primary key. The next page starts
/// strictly below it, so rows inserted meanwhile (newer ones, or late ones further back) never shift or repeat a
/// page. Clients get it as opaque base64url and must not build it themselves.
/// </summary>
public readonly record struct LogCursor(DateTime OccurredAt, long Sequence)
{
    private const int Length = 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, OccurredAt.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Sequence);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The cursor <paramref name="text"/> encodes, or null when it is not one this API gave out.</summary>
    public static LogCursor? Decode(string text)
    {
        if (!Base64Url.IsValid(text, out var length) || length != Length)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[Length];
        Base64Url.DecodeFromChars(text, bytes);

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        return ticks is < 0 || ticks > DateTime.MaxValue.Ticks || sequence < 0
            ? null
            : new LogCursor(new DateTime(ticks, DateTimeKind.Utc), sequence);
    }
}
