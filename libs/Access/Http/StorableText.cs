using System.Text;
using FluentValidation;

namespace TokenOptimizer.Access.Http;

/// <summary>
/// The rule every string a service accepts must meet, so that storing it can never fail: at most so many characters
/// (UTF-16 code units) and so many UTF-8 bytes (PostgreSQL bounds an index entry in bytes), no control characters
/// (PostgreSQL's text and jsonb cannot hold U+0000: SQLSTATE 22P05) and no unpaired surrogates (not encodable in UTF-8).
/// </summary>
public static class StorableText
{
    /// <summary>
    /// Why <paramref name="value"/> cannot be stored, in words that follow the field's name; null when it can.
    /// <paramref name="allowLineBreaks"/> lets tab, line feed and carriage return through (free text such as a message).
    /// </summary>
    public static string? Problem(string value, int maxLength, int maxBytes, bool allowLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters; it has {value.Length}.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"holds an unpaired surrogate (U+{(int)c:X4} at position {i}): text must be valid Unicode.";
            }
            else if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return $"holds a control character (U+{(int)c:X4} at position {i}), which cannot be stored.";
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > maxBytes ? $"must be at most {maxBytes} bytes in UTF-8; it has {bytes}." : null;
    }

    /// <summary>
    /// <paramref name="value"/> with what no PostgreSQL text can hold (U+0000, unpaired surrogates) replaced by U+FFFD:
    /// for keeping what was refused (a quarantine), never for what is accepted.
    /// </summary>
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? cleaned = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (c == '\0' || (char.IsSurrogate(c) && !paired))
            {
                cleaned ??= new StringBuilder(value, 0, i, value.Length);
                cleaned.Append('\uFFFD');
                continue;
            }

            cleaned?.Append(c);
            if (paired)
            {
                i++;
                cleaned?.Append(value[i]);
            }
        }

        return cleaned?.ToString() ?? value;
    }

    /// <summary>Fails a string that <see cref="Problem"/> finds fault with (null passes: say <c>NotEmpty</c> where it must be given).</summary>
    public static IRuleBuilderOptionsConditions<T, string?> IsStorableText<T>(
        this IRuleBuilder<T, string?> rule, int maxLength, int maxBytes, bool allowLineBreaks = false) =>
        rule.Custom((value, context) =>
        {
            if (value is not null && Problem(value, maxLength, maxBytes, allowLineBreaks) is { } problem)
            {
                context.AddFailure($"'{WireNames.Of(context.PropertyPath)}' {problem}");
            }
        });
}
