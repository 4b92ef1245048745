using System.Globalization;
using System.Text;

namespace TokenOptimizer.GraphQL.Language;

/// A hand-written lexer that mirrors graphql-js so that error positions match the reference.
internal sealed class Lexer
{
    private readonly string _body;
    private int _line = 1;
    private int _lineStart;
    private Token? _lookahead;

    public Lexer(string body)
    {
        _body = body;
        Token = new Token(TokenKind.StartOfFile, 0, 0, 0, 0, null);
        LastToken = Token;
    }

    public string Body => _body;

    public Token Token { get; private set; }

    public Token LastToken { get; private set; }

    public Token Advance()
    {
        LastToken = Token;
        Token = Lookahead();
        _lookahead = null;
        return Token;
    }

    // The next token is cached so that line tracking only ever moves forward.
    public Token Lookahead()
    {
        if (_lookahead is not null)
        {
            return _lookahead;
        }

        var token = Token;
        if (token.Kind == TokenKind.EndOfFile)
        {
            return token;
        }

        do
        {
            token = ReadNextToken(token.End);
        }
        while (token.Kind == TokenKind.Comment);

        _lookahead = token;
        return token;
    }

    private Token Create(TokenKind kind, int start, int end, string? value = null) =>
        new(kind, start, end, _line, 1 + start - _lineStart, value);

    private GraphQLSyntaxException Error(int position, string message) =>
        GraphQLSyntaxException.At(_body, position, message);

    private Token ReadNextToken(int start)
    {
        var position = start;
        var length = _body.Length;
        while (position < length)
        {
            var code = _body[position];
            switch (code)
            {
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    position++;
                    continue;
                case '\n':
                    position++;
                    _line++;
                    _lineStart = position;
                    continue;
                case '\r':
                    position += position + 1 < length && _body[position + 1] == '\n' ? 2 : 1;
                    _line++;
                    _lineStart = position;
                    continue;
                case '#':
                    return ReadComment(position);
                case '!': return Create(TokenKind.Bang, position, position + 1);
                case '$': return Create(TokenKind.Dollar, position, position + 1);
                case '&': return Create(TokenKind.Amp, position, position + 1);
                case '(': return Create(TokenKind.ParenL, position, position + 1);
                case ')': return Create(TokenKind.ParenR, position, position + 1);
                case '.':
                    if (CharAt(position + 1) == '.' && CharAt(position + 2) == '.')
                    {
                        return Create(TokenKind.Spread, position, position + 3);
                    }

                    break;
                case ':': return Create(TokenKind.Colon, position, position + 1);
                case '=': return Create(TokenKind.Equals, position, position + 1);
                case '@': return Create(TokenKind.At, position, position + 1);
                case '[': return Create(TokenKind.BracketL, position, position + 1);
                case ']': return Create(TokenKind.BracketR, position, position + 1);
                case '{': return Create(TokenKind.BraceL, position, position + 1);
                case '|': return Create(TokenKind.Pipe, position, position + 1);
                case '}': return Create(TokenKind.BraceR, position, position + 1);
                case '"':
                    return CharAt(position + 1) == '"' && CharAt(position + 2) == '"'
                        ? ReadBlockString(position)
                        : ReadString(position);
            }

            if (IsDigit(code) || code == '-')
            {
                return ReadNumber(position, code);
            }

            if (IsNameStart(code))
            {
                return ReadName(position);
            }

            throw Error(
                position,
                code == '\''
                    ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                    : IsUnicodeScalarValue(code) || IsSupplementaryCodePoint(position)
                        ? $"Unexpected character: {PrintCodePointAt(position)}."
                        : $"Invalid character: {PrintCodePointAt(position)}.");
        }

        return Create(TokenKind.EndOfFile, length, length);
    }

    private char CharAt(int position) => position < _body.Length ? _body[position] : '\0';

    private int CodeAt(int position) => position < _body.Length ? _body[position] : -1;

    private static bool IsDigit(int code) => code is >= '0' and <= '9';

    private static bool IsNameStart(int code) => code is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_';

    private static bool IsNameContinue(int code) => IsNameStart(code) || IsDigit(code);

    private static bool IsUnicodeScalarValue(int code) => code is >= 0 and <= 0xD7FF or >= 0xE000 and <= 0x10FFFF;

    private bool IsSupplementaryCodePoint(int position) =>
        char.IsHighSurrogate(CharAt(position)) && char.IsLowSurrogate(CharAt(position + 1));

    // UTF-16 units taken by the source character at position: 1, 2 for a surrogate pair, 0 if it is not one.
    private int SourceCharacterLength(int position, char code) =>
        IsUnicodeScalarValue(code) ? 1 : IsSupplementaryCodePoint(position) ? 2 : 0;

    private string PrintCodePointAt(int position)
    {
        if (position >= _body.Length)
        {
            return "<EOF>";
        }

        var code = _body[position];
        if (code is >= (char)0x20 and <= (char)0x7E)
        {
            return code == '"' ? "'\"'" : $"\"{code}\"";
        }

        var point = IsSupplementaryCodePoint(position) ? char.ConvertToUtf32(_body[position], _body[position + 1]) : code;
        return "U+" + point.ToString("X4", CultureInfo.InvariantCulture);
    }

    private Token ReadComment(int start)
    {
        var position = start + 1;
        while (position < _body.Length)
        {
            var code = _body[position];
            if (code is '\n' or '\r')
            {
                break;
            }

            var length = SourceCharacterLength(position, code);
            if (length == 0)
            {
                break;
            }

            position += length;
        }

        return Create(TokenKind.Comment, start, position, _body[(start + 1)..position]);
    }

    private Token ReadNumber(int start, int firstCode)
    {
        var position = start;
        var code = firstCode;
        var isFloat = false;
        if (code == '-')
        {
            code = CodeAt(++position);
        }

        if (code == '0')
        {
            code = CodeAt(++position);
            if (IsDigit(code))
            {
                throw Error(position, $"Invalid number, unexpected digit after 0: {PrintCodePointAt(position)}.");
            }
        }
        else
        {
            position = ReadDigits(position, code);
            code = CodeAt(position);
        }

        if (code == '.')
        {
            isFloat = true;
            code = CodeAt(++position);
            position = ReadDigits(position, code);
            code = CodeAt(position);
        }

        if (code is 'E' or 'e')
        {
            isFloat = true;
            code = CodeAt(++position);
            if (code is '+' or '-')
            {
                code = CodeAt(++position);
            }

            position = ReadDigits(position, code);
            code = CodeAt(position);
        }

        if (code == '.' || IsNameStart(code))
        {
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(position)}.");
        }

        return Create(isFloat ? TokenKind.Float : TokenKind.Int, start, position, _body[start..position]);
    }

    private int ReadDigits(int start, int firstCode)
    {
        if (!IsDigit(firstCode))
        {
            throw Error(start, $"Invalid number, expected digit but got: {PrintCodePointAt(start)}.");
        }

        var position = start + 1;
        while (IsDigit(CodeAt(position)))
        {
            position++;
        }

        return position;
    }

    private Token ReadString(int start)
    {
        var position = start + 1;
        var chunkStart = position;
        var value = new StringBuilder();
        while (position < _body.Length)
        {
            var code = _body[position];
            if (code == '"')
            {
                value.Append(_body, chunkStart, position - chunkStart);
                return Create(TokenKind.String, start, position + 1, value.ToString());
            }

            if (code == '\\')
            {
                value.Append(_body, chunkStart, position - chunkStart);
                var (escaped, size) = CharAt(position + 1) == 'u'
                    ? CharAt(position + 2) == '{'
                        ? ReadEscapedUnicodeVariableWidth(position)
                        : ReadEscapedUnicodeFixedWidth(position)
                    : ReadEscapedCharacter(position);
                value.Append(escaped);
                position += size;
                chunkStart = position;
                continue;
            }

            if (code is '\n' or '\r')
            {
                break;
            }

            var length = SourceCharacterLength(position, code);
            if (length == 0)
            {
                throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
            }

            position += length;
        }

        throw Error(position, "Unterminated string.");
    }

    private (string Value, int Size) ReadEscapedUnicodeVariableWidth(int position)
    {
        var point = 0;
        var size = 3;
        while (size < 12)
        {
            var code = CodeAt(position + size++);
            if (code == '}')
            {
                if (size < 5 || !IsUnicodeScalarValue(point))
                {
                    break;
                }

                return (char.ConvertFromUtf32(point), size);
            }

            point = (point << 4) | ReadHexDigit(code);
            if (point < 0)
            {
                break;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + size)}\".");
    }

    private (string Value, int Size) ReadEscapedUnicodeFixedWidth(int position)
    {
        var code = Read16BitHexCode(position + 2);
        if (IsUnicodeScalarValue(code))
        {
            return (char.ConvertFromUtf32(code), 6);
        }

        // A JSON-style surrogate pair is allowed only when both halves are present and valid.
        if (code is >= 0xD800 and <= 0xDBFF && CharAt(position + 6) == '\\' && CharAt(position + 7) == 'u')
        {
            var trailing = Read16BitHexCode(position + 8);
            if (trailing is >= 0xDC00 and <= 0xDFFF)
            {
                return (new string([(char)code, (char)trailing]), 12);
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + 6)}\".");
    }

    private int Read16BitHexCode(int position) =>
        (ReadHexDigit(CodeAt(position)) << 12) | (ReadHexDigit(CodeAt(position + 1)) << 8) |
        (ReadHexDigit(CodeAt(position + 2)) << 4) | ReadHexDigit(CodeAt(position + 3));

    private static int ReadHexDigit(int code) => code switch
    {
        >= '0' and <= '9' => code - '0',
        >= 'A' and <= 'F' => code - 'A' + 10,
        >= 'a' and <= 'f' => code - 'a' + 10,
        _ => -1,
    };

    private (string Value, int Size) ReadEscapedCharacter(int position) => CharAt(position + 1) switch
    {
        '"' => ("\"", 2),
        '\\' => ("\\", 2),
        '/' => ("/", 2),
        'b' => ("\b", 2),
        'f' => ("\f", 2),
        'n' => ("\n", 2),
        'r' => ("\r", 2),
        't' => ("\t", 2),
        _ => throw Error(position, $"Invalid character escape sequence: \"{Slice(position, position + 2)}\"."),
    };

    private string Slice(int start, int end) => _body[start..Math.Min(end, _body.Length)];

    private Token ReadBlockString(int start)
    {
        var position = start + 3;
        var chunkStart = position;
        var currentLine = new StringBuilder();
        var lines = new List<string>();
        var lineStart = _lineStart;
        while (position < _body.Length)
        {
            var code = _body[position];
            if (code == '"' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"')
            {
                currentLine.Append(_body, chunkStart, position - chunkStart);
                lines.Add(currentLine.ToString());
                var token = Create(TokenKind.BlockString, start, position + 3, string.Join('\n', BlockString.DedentLines(lines)));
                _line += lines.Count - 1;
                _lineStart = lineStart;
                return token;
            }

            if (code == '\\' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"' && CharAt(position + 3) == '"')
            {
                currentLine.Append(_body, chunkStart, position - chunkStart);
                chunkStart = position + 1;
                position += 4;
                continue;
            }

            if (code is '\n' or '\r')
            {
                currentLine.Append(_body, chunkStart, position - chunkStart);
                lines.Add(currentLine.ToString());
                position += code == '\r' && CharAt(position + 1) == '\n' ? 2 : 1;
                currentLine.Clear();
                chunkStart = position;
                lineStart = position;
                continue;
            }

            var length = SourceCharacterLength(position, code);
            if (length == 0)
            {
                throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
            }

            position += length;
        }

        throw Error(position, "Unterminated string.");
    }

    private Token ReadName(int start)
    {
        var position = start + 1;
        while (position < _body.Length && IsNameContinue(_body[position]))
        {
            position++;
        }

        return Create(TokenKind.Name, start, position, _body[start..position]);
    }
}
