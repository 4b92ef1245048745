using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;
using TokenOptimizer.Tokenopt.Reporting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Pricing;

/// <summary>
/// <c>tokenopt prices import FILE</c>: a newer LiteLLM or Langfuse price file (admin key). Shows what it changes (a dry run)
/// as a table, then imports it, unless <c>--dry-run</c>.
/// </summary>
public static class PricesImportCommand
{
    private const string Path = "v1/admin/catalog/imports";

    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "LiteLLM's model_prices_and_context_window.json or Langfuse's default-model-prices.json." };
        var format = new Option<string>("--format") { Description = "litellm or langfuse; default: told from the file." };
        var effectiveFrom = new Option<string>("--effective-from") { Description = "ISO-8601; earlier usage is re-priced. Default now." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what the file would change." };
        var command = new Command("import", "Import a newer public price file (admin key): show what changes, then apply it as a new dated catalog version.")
        {
            file, format, effectiveFrom, dryRun,
        };
        return command.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliError($"No file {path.FullName}.");
            }

            var request = new
            {
                content = await File.ReadAllTextAsync(path.FullName, cancellationToken),
                fileName = path.Name,
                format = parse.GetValue(format),
                // Once, so the dry run and the import compare at the same instant.
                effectiveFrom = PricesCommands.EffectiveFrom(parse.GetValue(effectiveFrom), context),
                dryRun = true,
            };
            var preview = await api.PostAsync(Path, request, cancellationToken);
            Show(context, path.Name, preview);
            if (parse.GetValue(dryRun) || preview.GetProperty("repricing").ValueKind == JsonValueKind.Null)
            {
                return;
            }

            var imported = await api.PostAsync(Path, request with { dryRun = false }, cancellationToken);
            var repricing = imported.GetProperty("repricing");
            context.Console.MarkupLine(Markup.Escape(
                $"Imported as {imported.Text("importVersion")} from {imported.GetProperty("effectiveFrom").GetDateTimeOffset().UtcDateTime:yyyy-MM-dd HH:mm} UTC; re-priced {Repriced(repricing)}."));
            if (repricing.GetProperty("skipped").GetInt32() is var skipped and > 0)
            {
                context.Console.MarkupLine($"[yellow]{skipped} calls kept changing meanwhile and were left as they were: import the file again.[/]");
            }
        });
    }

    private static void Show(CliContext context, string fileName, JsonElement preview)
    {
        var removed = preview.GetProperty("removedModels").GetArrayLength();
        context.Console.MarkupLine(Markup.Escape(
            $"{fileName} ({preview.Text("format")}, sha256 {preview.Text("sha256")?[..12]}…): {preview.GetProperty("newModels").GetArrayLength()} new models, " +
            $"{preview.GetProperty("changedPrices").GetArrayLength()} changed prices, {preview.GetProperty("unchanged").GetInt32()} unchanged, " +
            $"{removed} no longer listed (they keep their prices)."));
        var table = Tables.Of("Model", "Change", "Tier", "Rate", ">Before / 1M", ">After / 1M");
        foreach (var model in preview.Items("newModels"))
        {
            table.Row(Plain(model.GetString()), Coloured("new", "green"), Plain(""), Plain(""), Plain(""), Plain(""));
        }

        foreach (var changed in preview.Items("changedPrices"))
        {
            foreach (var rate in changed.Items("rates"))
            {
                table.Row(Plain(changed.Text("catalogKey")), Coloured("changed", "yellow"), Plain(rate.Text("tier")), Plain(rate.Text("rate")),
                    Rate(rate, "previousPerMillionTokensUsd"), Rate(rate, "currentPerMillionTokensUsd"));
            }
        }

        context.Console.Write(table);
        var repricing = preview.GetProperty("repricing");
        context.Console.MarkupLine(Markup.Escape(repricing.ValueKind == JsonValueKind.Null
            ? "The file changes no price: nothing to import."
            : $"Would re-price {Repriced(repricing)}."));
    }

    private static string Repriced(JsonElement repricing) =>
        $"{repricing.GetProperty("recordsTouched").GetInt32()} calls ({repricing.GetProperty("previouslyUnpriced").GetInt32()} of them unpriced before): " +
        $"{Money.Usd(repricing.GetProperty("costBeforeUsd").GetDecimal())} -> {Money.Usd(repricing.GetProperty("costAfterUsd").GetDecimal())}, " +
        $"a difference of {Money.Usd(repricing.GetProperty("differenceUsd").GetDecimal())}";

    // The REST answer states money as JSON numbers (GraphQL's Decimal is a string).
    private static Spectre.Console.Rendering.IRenderable Rate(JsonElement rate, string field) =>
        rate.GetProperty(field) is { ValueKind: JsonValueKind.Number } value ? Usd(value.GetDecimal()) : Plain("—");
}
