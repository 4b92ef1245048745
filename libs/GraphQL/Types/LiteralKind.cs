namespace TokenOptimizer.GraphQL;

/// <summary>The kind of a literal written in a GraphQL document.</summary>
public enum LiteralKind
{
    /// <summary>An integer literal such as <c>42</c>.</summary>
    Int,

    /// <summary>A float literal such as <c>1.5e3</c>.</summary>
    Float,

    /// <summary>A quoted or block string.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A bare name such as <c>ADMIN</c>.</summary>
    Enum,

    /// <summary>A list literal.</summary>
    List,

    /// <summary>An object literal.</summary>
    Object,
}
