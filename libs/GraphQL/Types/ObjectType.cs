namespace TokenOptimizer.GraphQL;

/// <summary>An object or interface type: a named set of fields.</summary>
public abstract class ComplexType : NamedType
{
    private Dictionary<string, FieldDefinition> _fieldsByName = [];

    private protected ComplexType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Fields in definition order.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; private set; } = [];

    /// <summary>Interfaces this type implements, in definition order.</summary>
    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];

    /// <summary>Finds a field by name.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field, or null.</returns>
    public FieldDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    internal void SetFields(IReadOnlyList<FieldDefinition> fields)
    {
        Fields = fields;
        _fieldsByName = fields.ToDictionary(f => f.Name);
    }
}

/// <summary>An object type: the only kind of type a value is at runtime.</summary>
public sealed class ObjectType : ComplexType
{
    internal ObjectType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Decides whether a value belongs to this type when the static type is abstract.</summary>
    public Func<object, bool>? IsTypeOf { get; internal set; }
}

/// <summary>An interface type.</summary>
public sealed class InterfaceType : ComplexType
{
    internal InterfaceType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Chooses the runtime object type of a value.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}

/// <summary>A union of object types.</summary>
public sealed class UnionType : NamedType
{
    internal UnionType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Member types in definition order.</summary>
    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];

    /// <summary>Chooses the runtime object type of a value.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}

/// <summary>An input object type: a named set of input fields.</summary>
public sealed class InputObjectType : NamedType
{
    private Dictionary<string, InputValueDefinition> _fieldsByName = [];

    internal InputObjectType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Fields in definition order.</summary>
    public IReadOnlyList<InputValueDefinition> Fields { get; private set; } = [];

    /// <summary>Finds a field by name.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field, or null.</returns>
    public InputValueDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    internal void SetFields(IReadOnlyList<InputValueDefinition> fields)
    {
        Fields = fields;
        _fieldsByName = fields.ToDictionary(f => f.Name);
    }
}
