using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (GET and POST, <c>application/graphql-response+json</c> with its status codes, or legacy
/// <c>application/json</c> with 200) and the graphql-sse "distinct connections" mode for <c>text/event-stream</c>.
/// </summary>
internal sealed class GraphQLHttpHandler(GraphQLExecutor executor, GraphQLHttpOptions options)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(context, StatusCodes.Status405MethodNotAllowed, Json, "Only GET and POST are supported.").ConfigureAwait(false);
            return;
        }

        var mediaType = Negotiate(request);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(context, StatusCodes.Status406NotAcceptable, Json,
                $"Accept one of {GraphQLResponseJson}, {Json} or {EventStream}.").ConfigureAwait(false);
            return;
        }

        if (!isGet && !IsJsonContent(request.ContentType))
        {
            await WriteRequestErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorMediaType(mediaType),
                "POST requests must have Content-Type application/json.").ConfigureAwait(false);
            return;
        }

        var (graphQLRequest, error) = isGet
            ? GraphQLRequestReader.FromQueryString(request.Query)
            : await GraphQLRequestReader.ReadBodyAsync(request, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (graphQLRequest is null)
        {
            await WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest, ErrorMediaType(mediaType), error!).ConfigureAwait(false);
            return;
        }

        graphQLRequest = graphQLRequest with
        {
            UserContext = options.UserContextFactory?.Invoke(context),
            Services = context.RequestServices,
        };
        var prepared = executor.Prepare(graphQLRequest);
        var operation = prepared.Operation?.Operation;
        if (isGet && operation == OperationType.Mutation)
        {
            context.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorMediaType(mediaType),
                "Mutations cannot be sent with GET; use POST.", ErrorCodes.OperationNotAllowed).ConfigureAwait(false);
            return;
        }

        if (mediaType == EventStream)
        {
            await ServeEventStreamAsync(context, graphQLRequest, prepared).ConfigureAwait(false);
            return;
        }

        if (operation == OperationType.Subscription)
        {
            await WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest, mediaType,
                "Subscriptions are served over WebSocket (graphql-transport-ws) or server-sent events (Accept: text/event-stream).",
                ErrorCodes.OperationNotAllowed).ConfigureAwait(false);
            return;
        }

        var result = await executor.ExecuteAsync(graphQLRequest, prepared, context.RequestAborted).ConfigureAwait(false);
        var status = mediaType != GraphQLResponseJson || result.HasData ? StatusCodes.Status200OK
            : result.Failure == RequestFailure.Timeout ? StatusCodes.Status504GatewayTimeout
            : StatusCodes.Status400BadRequest;
        await WriteResultAsync(context, status, mediaType, result).ConfigureAwait(false);
    }

    private async Task ServeEventStreamAsync(HttpContext context, GraphQLRequest request, PreparedRequest prepared)
    {
        var cancellationToken = context.RequestAborted;
        var result = await executor.ExecuteAsync(request, prepared, cancellationToken).ConfigureAwait(false);
        if (result.Failure is not null)
        {
            // graphql-sse: a request that cannot run is answered before the stream starts.
            await WriteResultAsync(context, StatusCodes.Status400BadRequest, Json, result).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStream + "; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Kestrel holds the headers back until the first body bytes are flushed, so a client would not learn
            // that the stream is open until the first event, which for a quiet subscription can be minutes away.
            await WriteFlushedAsync(response, ": connected\n\n", cancellationToken).ConfigureAwait(false);
            if (result.Stream is { } stream)
            {
                await foreach (var item in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await WriteEventAsync(response, "next", GraphQLJson.Serialize(item), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await WriteEventAsync(response, "next", GraphQLJson.Serialize(result), cancellationToken).ConfigureAwait(false);
            }

            await WriteEventAsync(response, "complete", "", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; there is nobody left to tell.
        }
    }

    private static Task WriteEventAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken) =>
        WriteFlushedAsync(response, $"event: {name}\ndata: {data}\n\n", cancellationToken);

    private static async Task WriteFlushedAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return Json;
        }

        foreach (var candidate in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var type = candidate.MediaType.Value;
            if (string.Equals(type, GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseJson;
            }

            if (string.Equals(type, Json, StringComparison.OrdinalIgnoreCase) ||
                type is "*/*" or "application/*")
            {
                return Json;
            }

            if (string.Equals(type, EventStream, StringComparison.OrdinalIgnoreCase))
            {
                return EventStream;
            }
        }

        return null;
    }

    private static string ErrorMediaType(string negotiated) => negotiated == EventStream ? Json : negotiated;

    private static bool IsJsonContent(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        string.Equals(parsed.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase);

    private static Task WriteRequestErrorAsync(HttpContext context, int status, string mediaType, string message, string code = ErrorCodes.BadRequest) =>
        WriteResultAsync(context, status, mediaType, new ExecutionResult
        {
            Errors = [new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = code })],
        });

    private static async Task WriteResultAsync(HttpContext context, int status, string mediaType, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = mediaType + "; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, GraphQLJson.WriterOptions))
        {
            GraphQLJson.Write(writer, result);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
