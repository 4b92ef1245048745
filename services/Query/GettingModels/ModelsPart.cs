using TokenOptimizer.Catalog;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingModels;

/// <summary><c>models(provider)</c>: each model's health with its price, limits and capabilities from the catalog.</summary>
public sealed class ModelsPart(ModelsQuery models, ResultCache cache) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Enum("ModelCapability", e =>
        {
            foreach (var capability in Enum.GetValues<ModelCapabilities>().Where(c => c != ModelCapabilities.None))
            {
                e.Value(ConstantCase(capability.ToString()), capability);
            }
        })
        .Object("ModelCatalogEntry", o => o
            .Description("What the price catalog says about a model: the standard-tier price in force now (administrators' custom prices and model aliases included), USD per million tokens; null where the catalog states none.")
            .Field("catalogKey", "String!", f => f.Description("The entry the model name resolves to, e.g. gpt-4o for gpt-4o-2024-08-06, or through an administrator's alias."))
            .Field("mode", "String", f => f.Description("chat, embedding, responses, …"))
            .Field("priceVersion", "String")
            .Field("priceSource", "String", f => f.Description("Where the price in force comes from: litellm, langfuse (for models LiteLLM's list lacks; either shipped or imported, see priceVersion) or custom (an administrator's price)."))
            .Field("priceEffectiveFrom", "DateTime")
            .Field("inputPerMillionTokensUsd", "Decimal").Field("outputPerMillionTokensUsd", "Decimal")
            .Field("cachedInputPerMillionTokensUsd", "Decimal").Field("cacheWritePerMillionTokensUsd", "Decimal").Field("reasoningPerMillionTokensUsd", "Decimal")
            .Field("contextWindow", "Int", f => f.Description("Input tokens the model accepts."))
            .Field("maxOutputTokens", "Int")
            .Field("capabilities", "[ModelCapability!]!", f => f.Description("What the catalog states the model supports."))
            .Field("otherSources", "[OtherSourcePrice!]!", f => f.Description("Other public sources' standard prices for the model, where they differ from the shipped one."))
            .Field("priceHistory", "[ModelPriceVersion!]!", f => f.Description("Every price version of the entry, shipped, imported (import:<n>:<key>) and custom, oldest first: a custom price in force wins, else an imported one, else the shipped one.")))
        .Object("ModelPriceVersion", o => o
            .Description("One dated version of a model's standard-tier price, USD per million tokens; null where it states none.")
            .Field("priceVersion", "String!").Field("source", "String", f => f.Description("litellm, langfuse or custom."))
            .Field("effectiveFrom", "DateTime!")
            .Field("inputPerMillionTokensUsd", "Decimal").Field("outputPerMillionTokensUsd", "Decimal").Field("cachedInputPerMillionTokensUsd", "Decimal"))
        .Object("OtherSourcePrice", o => o
            .Description("A public source's standard-tier price that the catalog did not take, USD per million tokens; null where it states none.")
            .Field("source", "String!").Field("priceVersion", "String!")
            .Field("inputPerMillionTokensUsd", "Decimal").Field("outputPerMillionTokensUsd", "Decimal")
            .Field("cachedInputPerMillionTokensUsd", "Decimal").Field("cacheWritePerMillionTokensUsd", "Decimal")
            .Field("cacheWriteOneHourPerMillionTokensUsd", "Decimal").Field("reasoningPerMillionTokensUsd", "Decimal"))
        .Object("ProviderModel", o => o
            .Description("A model called in the last 30 days.")
            .Field("provider", "String!").Field("model", "String!", f => f.Description("As the calls name it."))
            .Field("health", "ModelHealth!")
            .Field("catalog", "ModelCatalogEntry", f => f.Description("Null when the catalog does not know the model (its calls are unpriced).")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("models", "[ProviderModel!]!", f => f
        .Description("Models by provider, then name.")
        .Argument("provider", "String", a => a.Description("Only this provider's models."))
        .ResolveAsync(context => cache.GetAsync(context, async caller =>
            (object?)await models.AllAsync(context.Argument<string>("provider"), caller.ScopeTeam, caller.Database, context.CancellationToken))));

    private static string ConstantCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
