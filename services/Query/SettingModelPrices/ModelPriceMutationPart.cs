using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.SettingModelPrices;

/// <summary>
/// <c>setModelPrice</c> for admin keys, decided by the Ingestion service (<c>POST /v1/admin/model-prices</c>, the
/// prices' owner): it records the price and re-prices the usage it covers, or with <c>dryRun</c> only says what
/// that would change. Calls recorded afterwards are priced with it.
/// </summary>
public sealed class ModelPriceMutationPart(UpstreamClient upstream) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .InputObject("RatesPerMillionTokensInput", i => i
            .Description("USD per million tokens of one tier; an omitted rate is the standard one.")
            .Field("inputPerMillionTokens", "Decimal").Field("outputPerMillionTokens", "Decimal").Field("cachedInputPerMillionTokens", "Decimal")
            .Field("cacheWritePerMillionTokens", "Decimal").Field("reasoningPerMillionTokens", "Decimal"))
        .InputObject("ModelPriceInput", i => i
            .Description("A model's price, USD per million tokens, from effectiveFrom on (which may lie in the past: the usage since is re-priced).")
            .Field("provider", "String", f => f.Description("e.g. azure; omitted for the model under any provider."))
            .Field("model", "String!").Field("effectiveFrom", "DateTime!")
            .Field("inputPerMillionTokens", "Decimal!").Field("outputPerMillionTokens", "Decimal!")
            .Field("cachedInputPerMillionTokens", "Decimal", f => f.Description("Cache reads; default the input rate."))
            .Field("cacheWritePerMillionTokens", "Decimal", f => f.Description("Default the input rate."))
            .Field("reasoningPerMillionTokens", "Decimal", f => f.Description("Default the output rate."))
            .Field("above200k", "RatesPerMillionTokensInput", f => f.Description("Every token of a call whose prompt exceeds 200,000 tokens."))
            .Field("batch", "RatesPerMillionTokensInput").Field("flex", "RatesPerMillionTokensInput").Field("priority", "RatesPerMillionTokensInput")
            .Field("note", "String")
            .Field("dryRun", "Boolean", f => f.DefaultValue(false).Description("Only report what the price would change; record nothing.")))
        .Object("ModelPriceRepricing", o => o
            .Description("What a price does to recorded usage: the answer to a dry run, or the account of a real one.")
            .Field("priceVersion", "String!", f => f.Description("The price's version, e.g. custom:3 (for a dry run, the version it would get now)."))
            .Field("catalogKey", "String", f => f.Description("The catalog entry the price attaches to."))
            .Field("dryRun", "Boolean!")
            .Field("priceRecorded", "Boolean!", f => f.Description("False for a dry run and for a repeat of the price in force."))
            .Field("recordsTouched", "Int!", f => f.Description("Calls whose cost changes (changed, unless a dry run)."))
            .Field("previouslyUnpriced", "Int!", f => f.Description("Of those, calls that had no price before."))
            .Field("costBeforeUsd", "Decimal!").Field("costAfterUsd", "Decimal!").Field("differenceUsd", "Decimal!")
            .Field("unchanged", "Int!", f => f.Description("Covered calls that already had this cost."))
            .Field("applied", "Int!", f => f.Description("Re-pricings recorded (0 for a dry run)."))
            .Field("skipped", "Int!", f => f.Description("Calls left as they were because they kept changing meanwhile; send the price again.")));

    public void AddMutationFields(ObjectTypeBuilder mutation) => mutation.Field("setModelPrice", "ModelPriceRepricing!", f => f
        .Description("Sets a custom model price (admin keys) and re-prices the usage it covers.")
        .Argument("price", "ModelPriceInput!")
        .ResolveAsync(async context =>
        {
            QueryCaller.Of(context).Require(Role.Admin);
            var price = context.Argument<IReadOnlyDictionary<string, object?>>("price")!;
            var answer = await upstream.SendAsync(UpstreamClient.Ingestion, HttpMethod.Post, "/v1/admin/model-prices", WithoutNulls(price), "price", context.CancellationToken);
            return answer!.Value.Deserialize<ModelPriceRepricing>(JsonSerializerOptions.Web);
        }));

    // Omitted optional rates are left out, so the owner's defaults apply.
    private static Dictionary<string, object?> WithoutNulls(IReadOnlyDictionary<string, object?> input) =>
        input.Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value is IReadOnlyDictionary<string, object?> nested ? WithoutNulls(nested) : p.Value);
}
