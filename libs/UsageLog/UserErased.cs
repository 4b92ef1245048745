using System.Security.Cryptography;
using System.Text;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// The audit record of an erasure: a user's id was removed from every usage event that named it, and from the quarantine.
/// The id itself is never stored, only a salted SHA-256 of it: the read models that copied the id find and forget it by
/// that hash when their projections apply this event (in log order, so on every instance and in every rebuild), and an
/// auditor who is given the id can check that it was erased. The first and only event of <see cref="StreamFor"/>.
/// </summary>
public sealed record UserErased
{
    /// <summary>The erasure's id.</summary>
    public required string ErasureId { get; init; }

    /// <summary>SHA-256 of <see cref="Salt"/> followed by the user id in UTF-8, in lower-case hex.</summary>
    public required string UserIdSha256 { get; init; }

    /// <summary>16 random bytes in lower-case hex, drawn for this erasure.</summary>
    public required string Salt { get; init; }

    /// <summary>The UTC days of the calls whose events named the user: where the request log has rows to forget.</summary>
    public required IReadOnlyList<DateOnly> Days { get; init; }

    /// <summary>How many usage events no longer name the user.</summary>
    public required int Events { get; init; }

    /// <summary>How many quarantined records no longer name the user.</summary>
    public required int QuarantinedRecords { get; init; }

    /// <summary>The id (not the secret) of the admin key that asked for it.</summary>
    public string? ErasedBy { get; init; }

    /// <summary>When the events were rewritten.</summary>
    public required DateTimeOffset ErasedAt { get; init; }

    /// <summary>The stream of erasure <paramref name="erasureId"/>.</summary>
    public static string StreamFor(string erasureId) => "user-erasure:" + erasureId;

    /// <summary>A new erasure of <paramref name="userId"/>, with a fresh salt; the id is kept only as its hash.</summary>
    public static UserErased Of(
        string userId, IReadOnlyList<DateOnly> days, int events, int quarantinedRecords, string? erasedBy, DateTimeOffset erasedAt)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new UserErased
        {
            ErasureId = Guid.NewGuid().ToString("N"), UserIdSha256 = Hash(salt, userId), Salt = salt, Days = days,
            Events = events, QuarantinedRecords = quarantinedRecords, ErasedBy = erasedBy, ErasedAt = erasedAt,
        };
    }

    /// <summary>Whether <paramref name="userId"/> is the id this erasure removed.</summary>
    public bool Names(string? userId) =>
        !string.IsNullOrEmpty(userId) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(Salt, userId)), Encoding.ASCII.GetBytes(UserIdSha256));

    private static string Hash(string salt, string userId) =>
        Convert.ToHexStringLower(SHA256.HashData([.. Convert.FromHexString(salt), .. Encoding.UTF8.GetBytes(userId)]));
}
