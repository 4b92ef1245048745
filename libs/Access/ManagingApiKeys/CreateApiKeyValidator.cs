using FluentValidation;
using TokenOptimizer.Access.Http;

namespace TokenOptimizer.Access.ManagingApiKeys;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public const int MaxLength = 100;

    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("'name' is required: say what or who the key is for.")
            .IsStorableText(MaxLength, MaxLength * 4);

        RuleFor(c => c.Role)
            .Must(role => Roles.TryParse(role, out _))
            .WithMessage($"'role' must be one of: {string.Join(", ", Roles.Names)}.");

        RuleFor(c => c.Team)
            .NotEmpty().WithMessage("'team' must not be blank: leave it out for a key that sees every team.")
            .When(c => c.Team is not null);
        RuleFor(c => c.Team).IsStorableText(MaxLength, MaxLength * 4);

        // A team-scoped admin could create unscoped keys, so the scope would protect nothing.
        RuleFor(c => c.Team)
            .Null().WithMessage("'team' must be left out for an 'admin' key: it manages every team's keys, so a scope would protect nothing.")
            .When(c => c.Role == Role.Admin.ToName());
    }
}
