namespace TokenOptimizer.ReadModels;

/// <summary>
/// The provider health read model's table (owner: Aggregation's provider health projection):
/// <c>provider_availability_minute</c>, calls and failures per provider, model and minute, for uptime and rates. Each
/// provider's circuit and incidents are its grain's persisted state (<see cref="ProviderHealthState"/> in
/// <see cref="GrainStateTable"/>). Read through <see cref="ProviderHealthReader"/>.
/// </summary>
public static class ProviderHealthTables
{
    public const string AvailabilityMinute = "provider_availability_minute";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {AvailabilityMinute} (
            provider          text        NOT NULL,
            model             text        NOT NULL,
            minute            timestamptz NOT NULL,
            request_count     bigint      NOT NULL,
            failure_count     bigint      NOT NULL,
            provider_failures bigint      NOT NULL,
            PRIMARY KEY (provider, model, minute)
        );
        """;
}
