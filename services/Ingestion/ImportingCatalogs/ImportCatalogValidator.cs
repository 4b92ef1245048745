using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.PricingModels;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>The shape rules of an import; the file's own content is read, and refused field by field, by <see cref="PriceFileReader"/>.</summary>
public sealed class ImportCatalogValidator : AbstractValidator<ImportCatalog>
{
    public ImportCatalogValidator(TimeProvider clock)
    {
        RuleFor(i => i.Content).NotEmpty();
        RuleFor(i => i.FileName).IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(i => i.Format)
            .Must(format => format is null || PriceFileFormats.All.Contains(format))
            .WithMessage($"'format' must be one of {string.Join(", ", PriceFileFormats.All)}, or omitted to tell it from the file.");
        RuleFor(i => i.EffectiveFrom).IsAnEffectiveDate(clock);
    }
}
