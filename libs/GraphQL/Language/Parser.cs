namespace TokenOptimizer.GraphQL.Language;

/// Recursive-descent parser for the full GraphQL language (executable and type-system), structured like
/// graphql-js so that every syntax error is reported at the same token as the reference implementation.
internal sealed class Parser
{
    private static readonly HashSet<string> DirectiveLocationNames =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    /// Deeper nesting (selection sets, lists, objects, list types) is refused: every later stage recurses
    /// over the document, and a stack overflow would take the whole process down.
    public const int MaxNesting = 128;

    private readonly Lexer _lexer;
    private readonly GraphQLOptions? _limits;
    private int _tokenCount;
    private int _fieldCount;
    private int _fragmentCount;
    private int _nesting;

    private Parser(string body, GraphQLOptions? limits)
    {
        _lexer = new Lexer(body);
        _limits = limits;
    }

    /// <summary>
    /// Parses a document; throws <see cref="GraphQLSyntaxException"/> on the first syntax error, or (a limit) once it
    /// has read more than <paramref name="limits"/> allow: tokens, field selections, fragment definitions. Fields and
    /// fragments are counted here because validation's field-merging rule compares them pairwise: unbounded, 9 000 copies
    /// of one field cost it 40 million comparisons (1.9 s of a core, Debug build) and 900 fragments spread side by side
    /// 405 000 fragment pairs (0.24 s), before any limit on the operation could refuse them.
    /// </summary>
    public static DocumentNode Parse(string body, GraphQLOptions? limits = null) => new Parser(body, limits).ParseDocument();

    public static ValueNode ParseValue(string body)
    {
        var parser = new Parser(body, null);
        parser.ExpectToken(TokenKind.StartOfFile);
        var value = parser.ParseValueLiteral(false);
        parser.ExpectToken(TokenKind.EndOfFile);
        return value;
    }

    public static TypeNode ParseType(string body)
    {
        var parser = new Parser(body, null);
        parser.ExpectToken(TokenKind.StartOfFile);
        var type = parser.ParseTypeReference();
        parser.ExpectToken(TokenKind.EndOfFile);
        return type;
    }

    private Token Current => _lexer.Token;

    private DocumentNode ParseDocument()
    {
        var start = Current;
        var definitions = Many(TokenKind.StartOfFile, ParseDefinition, TokenKind.EndOfFile);
        return new DocumentNode(Loc(start), definitions, _lexer.Body);
    }

    private Location Loc(Token start) => new(start.Start, _lexer.LastToken.End, start.Line, start.Column);

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceL))
        {
            return ParseOperationDefinition();
        }

        var hasDescription = PeekDescription();
        var keyword = hasDescription ? _lexer.Lookahead() : Current;
        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.Value)
            {
                case "schema": return ParseSchemaDefinition();
                case "scalar": return ParseTypeDefinition(TypeDefinitionKind.Scalar, "scalar");
                case "type": return ParseTypeDefinition(TypeDefinitionKind.Object, "type");
                case "interface": return ParseTypeDefinition(TypeDefinitionKind.Interface, "interface");
                case "union": return ParseTypeDefinition(TypeDefinitionKind.Union, "union");
                case "enum": return ParseTypeDefinition(TypeDefinitionKind.Enum, "enum");
                case "input": return ParseTypeDefinition(TypeDefinitionKind.InputObject, "input");
                case "directive": return ParseDirectiveDefinition();
            }

            if (hasDescription)
            {
                throw Error(Current.Start, "Unexpected description, descriptions are supported only on type definitions.");
            }

            switch (keyword.Value)
            {
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
                case "extend":
                    return ParseTypeSystemExtension();
            }
        }

        throw Unexpected(keyword);
    }

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = Current;
        if (Peek(TokenKind.BraceL))
        {
            var selectionSet = ParseSelectionSet();
            return new OperationDefinitionNode(Loc(start), OperationType.Query, null, [], [], selectionSet);
        }

        var operation = ParseOperationType();
        NameNode? name = Peek(TokenKind.Name) ? ParseName() : null;
        var variables = OptionalMany(TokenKind.ParenL, ParseVariableDefinition, TokenKind.ParenR);
        var directives = ParseDirectives(false);
        var set = ParseSelectionSet();
        return new OperationDefinitionNode(Loc(start), operation, name, variables, directives, set);
    }

    private OperationType ParseOperationType()
    {
        var token = ExpectToken(TokenKind.Name);
        return token.Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = Current;
        var variable = ParseVariable();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = ExpectOptionalToken(TokenKind.Equals) ? ParseValueLiteral(true) : null;
        var directives = ParseDirectives(true);
        return new VariableDefinitionNode(Loc(start), variable, type, defaultValue, directives);
    }

    private VariableNode ParseVariable()
    {
        var start = Current;
        ExpectToken(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode(Loc(start), name);
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var start = Current;
        Nest();
        var selections = Many(TokenKind.BraceL, ParseSelection, TokenKind.BraceR);
        _nesting--;
        return new SelectionSetNode(Loc(start), selections);
    }

    private void Nest()
    {
        if (++_nesting > MaxNesting)
        {
            throw LimitReached($"Document nesting exceeds the maximum depth of {MaxNesting}.", Current);
        }
    }

    private SelectionNode ParseSelection() => Peek(TokenKind.Spread) ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var start = Current;
        if (_limits is { MaxFields: var max } && ++_fieldCount > max)
        {
            throw LimitReached($"Document contains more than {max} fields. Parsing aborted.", start);
        }

        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (ExpectOptionalToken(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(false);
        var directives = ParseDirectives(false);
        SelectionSetNode? set = Peek(TokenKind.BraceL) ? ParseSelectionSet() : null;
        return new FieldNode(Loc(start), alias, name, arguments, directives, set);
    }

    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst) =>
        OptionalMany(TokenKind.ParenL, () => ParseArgument(isConst), TokenKind.ParenR);

    private ArgumentNode ParseArgument(bool isConst)
    {
        var start = Current;
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ArgumentNode(Loc(start), name, value);
    }

    private SelectionNode ParseFragment()
    {
        var start = Current;
        ExpectToken(TokenKind.Spread);
        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseFragmentName();
            var spreadDirectives = ParseDirectives(false);
            return new FragmentSpreadNode(Loc(start), name, spreadDirectives);
        }

        NamedTypeNode? typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(false);
        var set = ParseSelectionSet();
        return new InlineFragmentNode(Loc(start), typeCondition, directives, set);
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = Current;
        if (_limits is { MaxFragments: var max } && ++_fragmentCount > max)
        {
            throw LimitReached($"Document defines more than {max} fragments. Parsing aborted.", start);
        }

        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(false);
        var set = ParseSelectionSet();
        return new FragmentDefinitionNode(Loc(start), name, typeCondition, directives, set);
    }

    private NameNode ParseFragmentName()
    {
        if (Current.Value == "on")
        {
            throw Unexpected();
        }

        return ParseName();
    }

    private ValueNode ParseValueLiteral(bool isConst)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.BracketL:
                return ParseList(isConst);
            case TokenKind.BraceL:
                return ParseObject(isConst);
            case TokenKind.Int:
                Advance();
                return new IntValueNode(Loc(token), token.Value!);
            case TokenKind.Float:
                Advance();
                return new FloatValueNode(Loc(token), token.Value!);
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                return token.Value switch
                {
                    "true" => new BooleanValueNode(Loc(token), true),
                    "false" => new BooleanValueNode(Loc(token), false),
                    "null" => new NullValueNode(Loc(token)),
                    _ => new EnumValueNode(Loc(token), token.Value!),
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    ExpectToken(TokenKind.Dollar);
                    if (Current.Kind == TokenKind.Name)
                    {
                        throw Error(token.Start, $"Unexpected variable \"${Current.Value}\" in constant value.");
                    }

                    throw Unexpected(token);
                }

                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var token = Current;
        Advance();
        return new StringValueNode(Loc(token), token.Value!, token.Kind == TokenKind.BlockString);
    }

    private ListValueNode ParseList(bool isConst)
    {
        var start = Current;
        Nest();
        var values = Any(TokenKind.BracketL, () => ParseValueLiteral(isConst), TokenKind.BracketR);
        _nesting--;
        return new ListValueNode(Loc(start), values);
    }

    private ObjectValueNode ParseObject(bool isConst)
    {
        var start = Current;
        Nest();
        var fields = Any(TokenKind.BraceL, () => ParseObjectField(isConst), TokenKind.BraceR);
        _nesting--;
        return new ObjectValueNode(Loc(start), fields);
    }

    private ObjectFieldNode ParseObjectField(bool isConst)
    {
        var start = Current;
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ObjectFieldNode(Loc(start), name, value);
    }

    private List<DirectiveNode> ParseDirectives(bool isConst)
    {
        var directives = new List<DirectiveNode>();
        while (Peek(TokenKind.At))
        {
            var start = Current;
            ExpectToken(TokenKind.At);
            var name = ParseName();
            var arguments = ParseArguments(isConst);
            directives.Add(new DirectiveNode(Loc(start), name, arguments));
        }

        return directives;
    }

    private TypeNode ParseTypeReference()
    {
        var start = Current;
        TypeNode type;
        if (ExpectOptionalToken(TokenKind.BracketL))
        {
            Nest();
            var inner = ParseTypeReference();
            _nesting--;
            ExpectToken(TokenKind.BracketR);
            type = new ListTypeNode(Loc(start), inner);
        }
        else
        {
            type = ParseNamedType();
        }

        return ExpectOptionalToken(TokenKind.Bang) ? new NonNullTypeNode(Loc(start), type) : type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = Current;
        var name = ParseName();
        return new NamedTypeNode(Loc(start), name);
    }

    private NameNode ParseName()
    {
        var token = ExpectToken(TokenKind.Name);
        return new NameNode(Loc(token), token.Value!);
    }

    private bool PeekDescription() => Peek(TokenKind.String) || Peek(TokenKind.BlockString);

    private StringValueNode? ParseDescription() => PeekDescription() ? ParseStringLiteral() : null;

    private SchemaDefinitionNode ParseSchemaDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        var operationTypes = Many(TokenKind.BraceL, ParseOperationTypeDefinition, TokenKind.BraceR);
        return new SchemaDefinitionNode(Loc(start), description, directives, operationTypes);
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = Current;
        var operation = ParseOperationType();
        ExpectToken(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode(Loc(start), operation, type);
    }

    private TypeDefinitionNode ParseTypeDefinition(TypeDefinitionKind kind, string keyword, bool isExtension = false)
    {
        var start = Current;
        StringValueNode? description = null;
        if (isExtension)
        {
            ExpectKeyword("extend");
        }
        else
        {
            description = ParseDescription();
        }

        ExpectKeyword(keyword);
        var name = ParseName();
        IReadOnlyList<NamedTypeNode> interfaces = kind is TypeDefinitionKind.Object or TypeDefinitionKind.Interface
            ? ParseImplementsInterfaces()
            : [];
        var directives = ParseDirectives(true);
        IReadOnlyList<FieldDefinitionNode> fields = [];
        IReadOnlyList<InputValueDefinitionNode> inputFields = [];
        IReadOnlyList<NamedTypeNode> members = [];
        IReadOnlyList<EnumValueDefinitionNode> values = [];
        switch (kind)
        {
            case TypeDefinitionKind.Object:
            case TypeDefinitionKind.Interface:
                fields = OptionalMany(TokenKind.BraceL, ParseFieldDefinition, TokenKind.BraceR);
                break;
            case TypeDefinitionKind.Union:
                members = ExpectOptionalToken(TokenKind.Equals) ? DelimitedMany(TokenKind.Pipe, ParseNamedType) : [];
                break;
            case TypeDefinitionKind.Enum:
                values = OptionalMany(TokenKind.BraceL, ParseEnumValueDefinition, TokenKind.BraceR);
                break;
            case TypeDefinitionKind.InputObject:
                inputFields = OptionalMany(TokenKind.BraceL, ParseInputValueDefinition, TokenKind.BraceR);
                break;
        }

        if (isExtension && interfaces.Count == 0 && directives.Count == 0 && fields.Count == 0 &&
            inputFields.Count == 0 && members.Count == 0 && values.Count == 0)
        {
            throw Unexpected();
        }

        return new TypeDefinitionNode(
            Loc(start), kind, isExtension, description, name, interfaces, directives, fields, inputFields, members, values);
    }

    private IReadOnlyList<NamedTypeNode> ParseImplementsInterfaces() =>
        ExpectOptionalKeyword("implements") ? DelimitedMany(TokenKind.Amp, ParseNamedType) : [];

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        var name = ParseName();
        var arguments = OptionalMany(TokenKind.ParenL, ParseInputValueDefinition, TokenKind.ParenR);
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(true);
        return new FieldDefinitionNode(Loc(start), description, name, arguments, type, directives);
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = ExpectOptionalToken(TokenKind.Equals) ? ParseValueLiteral(true) : null;
        var directives = ParseDirectives(true);
        return new InputValueDefinitionNode(Loc(start), description, name, type, defaultValue, directives);
    }

    private EnumValueDefinitionNode ParseEnumValueDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        if (Current.Value is "true" or "false" or "null")
        {
            throw Error(Current.Start, $"{Current.Describe()} is reserved and cannot be used for an enum value.");
        }

        var name = ParseName();
        var directives = ParseDirectives(true);
        return new EnumValueDefinitionNode(Loc(start), description, name, directives);
    }

    private DefinitionNode ParseTypeSystemExtension()
    {
        var keyword = _lexer.Lookahead();
        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.Value)
            {
                case "schema": return ParseSchemaExtension();
                case "scalar": return ParseTypeDefinition(TypeDefinitionKind.Scalar, "scalar", true);
                case "type": return ParseTypeDefinition(TypeDefinitionKind.Object, "type", true);
                case "interface": return ParseTypeDefinition(TypeDefinitionKind.Interface, "interface", true);
                case "union": return ParseTypeDefinition(TypeDefinitionKind.Union, "union", true);
                case "enum": return ParseTypeDefinition(TypeDefinitionKind.Enum, "enum", true);
                case "input": return ParseTypeDefinition(TypeDefinitionKind.InputObject, "input", true);
            }
        }

        throw Unexpected(keyword);
    }

    private SchemaExtensionNode ParseSchemaExtension()
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        var operationTypes = OptionalMany(TokenKind.BraceL, ParseOperationTypeDefinition, TokenKind.BraceR);
        if (directives.Count == 0 && operationTypes.Count == 0)
        {
            throw Unexpected();
        }

        return new SchemaExtensionNode(Loc(start), directives, operationTypes);
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("directive");
        ExpectToken(TokenKind.At);
        var name = ParseName();
        var arguments = OptionalMany(TokenKind.ParenL, ParseInputValueDefinition, TokenKind.ParenR);
        var repeatable = ExpectOptionalKeyword("repeatable");
        ExpectKeyword("on");
        var locations = DelimitedMany(TokenKind.Pipe, ParseDirectiveLocation);
        return new DirectiveDefinitionNode(Loc(start), description, name, arguments, repeatable, locations);
    }

    private NameNode ParseDirectiveLocation()
    {
        var start = Current;
        var name = ParseName();
        if (DirectiveLocationNames.Contains(name.Value))
        {
            return name;
        }

        throw Unexpected(start);
    }

    private bool Peek(TokenKind kind) => Current.Kind == kind;

    private void Advance()
    {
        var token = _lexer.Advance();
        if (_limits is { MaxTokens: var max } && token.Kind != TokenKind.EndOfFile && ++_tokenCount > max)
        {
            throw LimitReached($"Document contains more than {max} tokens. Parsing aborted.", token);
        }
    }

    private GraphQLSyntaxException LimitReached(string message, Token at) =>
        new(message, SourceLocation.FromOffset(_lexer.Body, at.Start), isLimit: true);

    private Token ExpectToken(TokenKind kind)
    {
        var token = Current;
        if (token.Kind == kind)
        {
            Advance();
            return token;
        }

        throw Error(token.Start, $"Expected {kind.Describe()}, found {token.Describe()}.");
    }

    private bool ExpectOptionalToken(TokenKind kind)
    {
        if (Current.Kind == kind)
        {
            Advance();
            return true;
        }

        return false;
    }

    private void ExpectKeyword(string value)
    {
        var token = Current;
        if (token.Kind == TokenKind.Name && token.Value == value)
        {
            Advance();
            return;
        }

        throw Error(token.Start, $"Expected \"{value}\", found {token.Describe()}.");
    }

    private bool ExpectOptionalKeyword(string value)
    {
        if (Current.Kind == TokenKind.Name && Current.Value == value)
        {
            Advance();
            return true;
        }

        return false;
    }

    private GraphQLSyntaxException Unexpected(Token? at = null)
    {
        var token = at ?? Current;
        return Error(token.Start, $"Unexpected {token.Describe()}.");
    }

    private GraphQLSyntaxException Error(int position, string message) =>
        GraphQLSyntaxException.At(_lexer.Body, position, message);

    private List<T> Any<T>(TokenKind open, Func<T> parse, TokenKind close)
    {
        ExpectToken(open);
        var nodes = new List<T>();
        while (!ExpectOptionalToken(close))
        {
            nodes.Add(parse());
        }

        return nodes;
    }

    private List<T> OptionalMany<T>(TokenKind open, Func<T> parse, TokenKind close)
    {
        if (!ExpectOptionalToken(open))
        {
            return [];
        }

        var nodes = new List<T>();
        do
        {
            nodes.Add(parse());
        }
        while (!ExpectOptionalToken(close));
        return nodes;
    }

    private List<T> Many<T>(TokenKind open, Func<T> parse, TokenKind close)
    {
        ExpectToken(open);
        var nodes = new List<T>();
        do
        {
            nodes.Add(parse());
        }
        while (!ExpectOptionalToken(close));
        return nodes;
    }

    private List<T> DelimitedMany<T>(TokenKind delimiter, Func<T> parse)
    {
        ExpectOptionalToken(delimiter);
        var nodes = new List<T>();
        do
        {
            nodes.Add(parse());
        }
        while (ExpectOptionalToken(delimiter));
        return nodes;
    }
}
