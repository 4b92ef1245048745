namespace TokenOptimizer.GraphQL.Tests;

public class PrintingSchema
{
    [Fact]
    public void Sdl_ShowsTypesDescriptionsDefaultsAndDeprecations()
    {
        var sdl = new SchemaBuilder()
            .Object("Query", q => q.Description("Entry point.")
                .Field("items", "[Item!]!", f => f.Argument("first", "Int", a => a.DefaultValue(10)).Argument("kind", "Kind", a => a.DefaultValue("A")))
                .Field("old", "String", f => f.Deprecated("Use items.")))
            .Object("Item", o => o.Field("id", "ID!"))
            .Enum("Kind", e => e.Value("A").Value("B", deprecationReason: SpecifiedDirectives.DefaultDeprecationReason))
            .Scalar(CustomScalars.Decimal)
            .Build()
            .PrintSdl();

        Assert.Equal(""""
            """Entry point."""
            type Query {
              items(first: Int = 10, kind: Kind = A): [Item!]!
              old: String @deprecated(reason: "Use items.")
            }

            type Item {
              id: ID!
            }

            enum Kind {
              A
              B @deprecated
            }

            """
            An exact decimal number, e.g. a price or a cost, serialised as a string such as `"12.3456"` to avoid float rounding.
            """
            scalar Decimal
            """", sdl);
    }

    [Fact]
    public void UnknownTypeReference_FailsTheBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SchemaBuilder().Object("Query", q => q.Field("a", "Missing")).Build());

        Assert.Contains("Unknown type \"Missing\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInterfaceField_FailsTheBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SchemaBuilder()
            .Interface("Node", i => i.Field("id", "ID!"))
            .Object("Query", q => q.Implements("Node").Field("a", "Int"))
            .Build());

        Assert.Contains("Node.id", error.Message, StringComparison.Ordinal);
    }
}
