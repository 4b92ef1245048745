using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;
using TokenOptimizer.Tokenopt.Reporting;
using static TokenOptimizer.Tokenopt.Reporting.Tables;

namespace TokenOptimizer.Tokenopt.Pricing;

/// <summary>
/// <c>tokenopt prices list</c>: each model called in the last 30 days with its price in force (USD per million tokens);
/// <c>tokenopt prices set</c>: a custom price (admin key), and what re-pricing the usage it covers changed;
/// <c>tokenopt prices import</c>: a newer public price file (<see cref="PricesImportCommand"/>).
/// </summary>
public static class PricesCommands
{
    private const string ListDocument = """
        query Prices($provider: String) {
          models(provider: $provider) {
            provider model
            catalog { catalogKey priceVersion inputPerMillionTokensUsd outputPerMillionTokensUsd cachedInputPerMillionTokensUsd }
          }
        }
        """;

    private const string SetDocument = """
        mutation SetPrice($price: ModelPriceInput!) {
          setModelPrice(price: $price) {
            priceVersion catalogKey dryRun priceRecorded recordsTouched previouslyUnpriced costBeforeUsd costAfterUsd differenceUsd skipped
          }
        }
        """;

    public static Command Create(CliContext context) => new("prices", "Model prices: list them, set one, or import a newer price file.")
    {
        List(context), Set(context), PricesImportCommand.Create(context),
    };

    private static Command List(CliContext context)
    {
        var provider = new Option<string>("--provider") { Description = "Only this provider's models." };
        return new Command("list", "Models called in the last 30 days with their prices, USD per million tokens.") { provider }
            .WithApi(context, async (parse, api, cancellationToken) =>
            {
                var data = await api.QueryAsync(ListDocument, new { provider = parse.GetValue(provider) }, cancellationToken);
                var table = Tables.Of("Provider", "Model", ">Input / 1M", ">Output / 1M", ">Cached input / 1M", "Price version");
                foreach (var model in data.Items("models"))
                {
                    var catalog = model.GetProperty("catalog");
                    if (catalog.ValueKind == System.Text.Json.JsonValueKind.Null)
                    {
                        table.Row(Plain(model.Text("provider")), Plain(model.Text("model")), Coloured("no price", "yellow"), Plain(""), Plain(""), Plain(""));
                        continue;
                    }

                    table.Row(Plain(model.Text("provider")), Plain(model.Text("model")), Rate(catalog, "inputPerMillionTokensUsd"),
                        Rate(catalog, "outputPerMillionTokensUsd"), Rate(catalog, "cachedInputPerMillionTokensUsd"), Plain(catalog.Text("priceVersion")));
                }

                context.Console.Write(table);
            });
    }

    private static Command Set(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "The model, as calls name it.", Required = true };
        var provider = new Option<string>("--provider") { Description = "Only under this provider; omitted for the model under any provider." };
        var input = new Option<string>("--input") { Description = "USD per million input tokens.", Required = true };
        var output = new Option<string>("--output") { Description = "USD per million output tokens.", Required = true };
        var cachedInput = new Option<string>("--cached-input") { Description = "USD per million cached input tokens; default the input rate." };
        var effectiveFrom = new Option<string>("--effective-from") { Description = "ISO-8601; earlier usage is re-priced. Default now." };
        var note = new Option<string>("--note") { Description = "Why, for whoever reads the price history." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what the price would change." };
        var command = new Command("set", "Set a model's price (admin key) and re-price the usage it covers.")
        {
            model, provider, input, output, cachedInput, effectiveFrom, note, dryRun,
        };
        return command.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var from = EffectiveFrom(parse.GetValue(effectiveFrom), context);
            var price = new
            {
                provider = parse.GetValue(provider), model = parse.GetValue(model), effectiveFrom = from,
                inputPerMillionTokens = Exact(parse.GetValue(input)!, "--input"), outputPerMillionTokens = Exact(parse.GetValue(output)!, "--output"),
                cachedInputPerMillionTokens = parse.GetValue(cachedInput) is { } cached ? Exact(cached, "--cached-input") : null,
                note = parse.GetValue(note), dryRun = parse.GetValue(dryRun),
            };
            var result = (await api.QueryAsync(SetDocument, new { price }, cancellationToken)).GetProperty("setModelPrice");
            var touched = result.GetProperty("recordsTouched").GetInt32();
            var change = $"{touched} calls ({result.GetProperty("previouslyUnpriced").GetInt32()} of them unpriced before): " +
                $"{Money.Usd(result.Decimal("costBeforeUsd"))} -> {Money.Usd(result.Decimal("costAfterUsd"))}, a difference of {Money.Usd(result.Decimal("differenceUsd"))}";
            var headline = result.GetProperty("dryRun").GetBoolean()
                ? $"Dry run: price {result.Text("priceVersion")} for {price.model} would re-price {change}."
                : result.GetProperty("priceRecorded").GetBoolean()
                    ? $"Recorded price {result.Text("priceVersion")} for {price.model} from {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC; re-priced {change}."
                    : $"{price.model} already has this price ({result.Text("priceVersion")}); nothing changed.";
            context.Console.MarkupLine(Markup.Escape(headline));
            if (result.GetProperty("skipped").GetInt32() is var skipped and > 0)
            {
                context.Console.MarkupLine($"[yellow]{skipped} calls kept changing meanwhile and were left as they were: send the price again.[/]");
            }
        });
    }

    /// <summary>The <c>--effective-from</c> option's instant; now when omitted.</summary>
    internal static DateTimeOffset EffectiveFrom(string? text, CliContext context) => text is null
        ? context.Clock.GetUtcNow()
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliError($"--effective-from must be an ISO-8601 date or time such as 2026-01-01, not '{text}'.");

    private static Spectre.Console.Rendering.IRenderable Rate(System.Text.Json.JsonElement catalog, string field) =>
        catalog.OptionalDecimal(field) is { } rate ? Usd(rate) : Plain("");

    private static string Exact(string text, string option) => Money.Parse(text, option).ToString(CultureInfo.InvariantCulture);
}
