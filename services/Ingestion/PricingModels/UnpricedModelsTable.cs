namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Models seen without a price, with how many records wait for one: an admin's to-do list.</summary>
internal static class UnpricedModelsTable
{
    public const string Name = "ingestion_unpriced_models";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            provider   text        NOT NULL,
            model      text        NOT NULL,
            records    bigint      NOT NULL,
            first_seen timestamptz NOT NULL,
            last_seen  timestamptz NOT NULL,
            PRIMARY KEY (provider, model)
        );
        """;
}
