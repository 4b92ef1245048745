using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.Access.Http;

/// <summary>
/// Validates an endpoint's <typeparamref name="T"/> argument before the handler runs, answering 400 with a
/// problem that names each failing field as it is on the wire (camelCase, each part of a nested path).
/// Every service's endpoints use this one.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } argument)
        {
            return await next(context);
        }

        var validation = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (validation.IsValid)
        {
            return await next(context);
        }

        return TypedResults.ValidationProblem(WireNames.ErrorsOf(validation.Errors), title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");
    }
}
