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
