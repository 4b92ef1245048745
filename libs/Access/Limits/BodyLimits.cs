using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenOptimizer.Access.Limits;

/// <summary>
/// Bodies over their endpoint's limit get 413 with a problem that says the limit, whether the client announced the
/// length (refused before the handler runs) or sends chunks (refused when the handler reads past the limit). Every
/// endpoint has a limit: its own (<see cref="WithBodyLimit{TBuilder}"/>) or <see cref="RequestLimitsOptions.MaxBodyBytes"/>.
/// </summary>
/// <remarks>
/// Kestrel's own limit cuts the connection instead, and a client still sending its body then sees a reset rather than
/// the answer. So the limit is counted here, Kestrel's is raised by <see cref="RequestLimitsOptions.MaxDrainBytes"/>,
/// and the rest of a refused body is read and dropped up to there before answering.
/// </remarks>
public static class BodyLimits
{
    /// <summary>Gives the endpoint (or every endpoint of a group) its own body limit, in bytes.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));

    /// <summary>The limit of the endpoint <paramref name="context"/> was routed to.</summary>
    public static long For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.MaxBytes
        ?? context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes;

    internal static async Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        var limit = For(context);
        var options = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit + options.MaxDrainBytes;
        }

        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, limit, context.Request.Body, options.MaxDrainBytes);
            return;
        }

        var body = context.Request.Body;
        var counted = new CountedBody(body, limit);
        context.Request.Body = counted;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException) when (counted.Exceeded && !context.Response.HasStarted)
        {
            // Thrown through the handler, as the JSON readers do.
        }
        finally
        {
            context.Request.Body = body;
        }

        // Also when the handler caught it and answered on its own (minimal APIs' body binding sets a bare status code).
        if (counted.Exceeded && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await RefuseAsync(context, limit, body, options.MaxDrainBytes);
        }
    }

    private static async Task RefuseAsync(HttpContext context, long limit, Stream body, long maxDrainBytes)
    {
        if (!await DrainAsync(body, maxDrainBytes, context.RequestAborted))
        {
            context.Response.Headers.Connection = "close";
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The body is too large.",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"{context.Request.Method} {context.Request.Path} takes a body of at most {limit:N0} bytes; this one is larger. Send less per request."),
                Extensions = { ["maxBodyBytes"] = limit },
            },
        });
    }

    // True when the whole body was read; false when it goes on past what is worth reading.
    private static async Task<bool> DrainAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long drained = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if ((drained += read) > maxBytes)
                {
                    return false;
                }
            }

            return true;
        }
        catch (BadHttpRequestException)
        {
            return false; // Kestrel's own limit, past the drain allowance.
        }
    }

    private sealed record BodyLimit(long MaxBytes);
}
