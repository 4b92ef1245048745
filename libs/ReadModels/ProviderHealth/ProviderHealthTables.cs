namespace TokenOptimizer.ReadModels;

/// <summary>
/// The provider health read models (owner: Aggregation's provider health projection). <c>provider_circuit</c>: each
/// provider's breaker (its <c>detail</c> is the writer's own state; others read <c>state</c> and <c>changed_at</c>);
/// <c>provider_availability_minute</c>: calls and failures per provider, model and minute, for uptime and rates;
/// <c>provider_incidents</c>: each open → closed period. Read through <see cref="ProviderHealthReader"/>.
/// </summary>
public static class ProviderHealthTables
{
    public const string Circuit = "provider_circuit";
    public const string AvailabilityMinute = "provider_availability_minute";
    public const string Incidents = "provider_incidents";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Circuit} (
            provider   text PRIMARY KEY,
            state      text        NOT NULL,
            changed_at timestamptz,
            detail     jsonb       NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {AvailabilityMinute} (
            provider          text        NOT NULL,
            model             text        NOT NULL,
            minute            timestamptz NOT NULL,
            request_count     bigint      NOT NULL,
            failure_count     bigint      NOT NULL,
            provider_failures bigint      NOT NULL,
            PRIMARY KEY (provider, model, minute)
        );
        CREATE TABLE IF NOT EXISTS {Incidents} (
            provider        text        NOT NULL,
            started_at      timestamptz NOT NULL,
            ended_at        timestamptz NOT NULL,
            duration_s      double precision NOT NULL,
            peak_error_rate double precision NOT NULL,
            PRIMARY KEY (provider, started_at)
        );
        """;
}
