namespace TokenOptimizer.GraphQL.Language;

// Type-system definitions are parsed so that SDL documents can be read and so that
// executable documents containing them fail validation rather than parsing.
internal abstract record TypeSystemDefinitionNode(Location Location) : DefinitionNode(Location);

internal sealed record SchemaDefinitionNode(
    Location Location,
    StringValueNode? Description,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<OperationTypeDefinitionNode> OperationTypes) : TypeSystemDefinitionNode(Location);

internal sealed record SchemaExtensionNode(
    Location Location,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<OperationTypeDefinitionNode> OperationTypes) : TypeSystemDefinitionNode(Location);

internal sealed record OperationTypeDefinitionNode(Location Location, OperationType Operation, NamedTypeNode Type) : Node(Location);

internal enum TypeDefinitionKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// <summary>One record for all six type definitions and their extensions keeps the parser small.</summary>
internal sealed record TypeDefinitionNode(
    Location Location,
    TypeDefinitionKind Kind,
    bool IsExtension,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<NamedTypeNode> Interfaces,
    IReadOnlyList<DirectiveNode> Directives,
    IReadOnlyList<FieldDefinitionNode> Fields,
    IReadOnlyList<InputValueDefinitionNode> InputFields,
    IReadOnlyList<NamedTypeNode> UnionMembers,
    IReadOnlyList<EnumValueDefinitionNode> EnumValues) : TypeSystemDefinitionNode(Location);

internal sealed record FieldDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<InputValueDefinitionNode> Arguments,
    TypeNode Type,
    IReadOnlyList<DirectiveNode> Directives) : Node(Location);

internal sealed record InputValueDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    TypeNode Type,
    ValueNode? DefaultValue,
    IReadOnlyList<DirectiveNode> Directives) : Node(Location);

internal sealed record EnumValueDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<DirectiveNode> Directives) : Node(Location);

internal sealed record DirectiveDefinitionNode(
    Location Location,
    StringValueNode? Description,
    NameNode Name,
    IReadOnlyList<InputValueDefinitionNode> Arguments,
    bool Repeatable,
    IReadOnlyList<NameNode> Locations) : TypeSystemDefinitionNode(Location);
