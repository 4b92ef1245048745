using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.GraphQL.Http;

/// Reads a GraphQL-over-HTTP request from a JSON body or from the query string.
internal static class GraphQLRequestReader
{
    public static async Task<(GraphQLRequest? Request, string? Error)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, $"The request body exceeds {maxBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, $"The request body exceeds {maxBytes} bytes.");
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return (null, "The request body is not valid JSON.");
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    public static (GraphQLRequest? Request, string? Error) FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The request body must be a JSON object.");
        }

        if (!body.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            return (null, "The request must contain a \"query\" string.");
        }

        string? operationName = null;
        if (body.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                return (null, "\"operationName\" must be a string.");
            }

            operationName = name.GetString();
        }

        IReadOnlyDictionary<string, object?>? variables = null;
        if (body.TryGetProperty("variables", out var variablesElement) && variablesElement.ValueKind != JsonValueKind.Null)
        {
            if (variablesElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "\"variables\" must be a JSON object.");
            }

            variables = GraphQLJson.ParseVariables(variablesElement);
        }

        return (new GraphQLRequest { Query = query.GetString()!, OperationName = operationName, Variables = variables }, null);
    }

    public static (GraphQLRequest? Request, string? Error) FromQueryString(IQueryCollection query)
    {
        var text = query["query"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return (null, "The request must contain a \"query\" parameter.");
        }

        IReadOnlyDictionary<string, object?>? variables = null;
        var variablesText = query["variables"].ToString();
        if (!string.IsNullOrEmpty(variablesText))
        {
            try
            {
                using var document = JsonDocument.Parse(variablesText);
                if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return (null, "\"variables\" must be a JSON object.");
                }

                variables = GraphQLJson.ParseVariables(document.RootElement);
            }
            catch (JsonException)
            {
                return (null, "\"variables\" is not valid JSON.");
            }
        }

        var operationName = query["operationName"].ToString();
        return (new GraphQLRequest { Query = text, OperationName = operationName.Length > 0 ? operationName : null, Variables = variables }, null);
    }
}
