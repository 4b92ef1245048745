using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.GraphQL.Http;

/// <summary>
/// The graphql-transport-ws protocol (the one graphql-ws, Apollo Client and urql speak): connection_init/ack,
/// ping/pong, subscribe → next* → complete, error, client complete, and the protocol's close codes.
/// </summary>
internal sealed class GraphQLWebSocketHandler(GraphQLExecutor executor, GraphQLHttpOptions options)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            using var rejected = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await rejected.CloseAsync((WebSocketCloseStatus)4406, "Subprotocol not acceptable", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(SubProtocol).ConfigureAwait(false);
        var connection = new Connection(socket, context, executor, options);
        await connection.RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A close frame's reason may hold at most 123 bytes of UTF-8 (RFC 6455 §5.5), and the socket throws on a longer one.
    /// Reasons can quote the client (a message type, an operation id), so a longer one is cut at a character boundary.
    /// </summary>
    internal static string FitCloseReason(string reason)
    {
        const int MaxBytes = 123;
        if (Encoding.UTF8.GetByteCount(reason) <= MaxBytes)
        {
            return reason;
        }

        var bytes = 0;
        var length = 0;
        foreach (var rune in reason.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return reason[..length];
    }

    private sealed class Connection(WebSocket socket, HttpContext context, GraphQLExecutor executor, GraphQLHttpOptions options)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new();
        private readonly CancellationTokenSource _closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        private int _initReceived;
        private volatile bool _acknowledged;

        public async Task RunAsync()
        {
            _ = CloseIfNotInitialisedAsync();
            try
            {
                while (socket.State == WebSocketState.Open && !_closed.IsCancellationRequested)
                {
                    var message = await ReceiveAsync().ConfigureAwait(false);
                    if (message is null)
                    {
                        break;
                    }

                    await HandleMessageAsync(message).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // The client disconnected abruptly.
            }
            finally
            {
                await _closed.CancelAsync().ConfigureAwait(false);
                foreach (var operation in _operations.Values)
                {
                    await operation.CancelAsync().ConfigureAwait(false);
                }
            }
        }

        private async Task CloseIfNotInitialisedAsync()
        {
            try
            {
                await Task.Delay(options.ConnectionInitTimeout, _closed.Token).ConfigureAwait(false);
                if (Volatile.Read(ref _initReceived) == 0)
                {
                    await CloseAsync(4408, "Connection initialisation timeout").ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The connection ended before the timeout.
            }
        }

        private async Task<byte[]?> ReceiveAsync()
        {
            var buffer = new ArrayBufferWriter<byte>();
            while (true)
            {
                var memory = buffer.GetMemory(4096);
                var result = await socket.ReceiveAsync(memory, _closed.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    }

                    return null;
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > options.MaxRequestBodyBytes)
                {
                    await CloseAsync(4400, "Message too large").ConfigureAwait(false);
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return buffer.WrittenSpan.ToArray();
                }
            }
        }

        private async Task HandleMessageAsync(byte[] message)
        {
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(message);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                await CloseAsync(4400, "Invalid message received").ConfigureAwait(false);
                return;
            }

            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? typeElement.GetString()
                : null;
            switch (type)
            {
                case "connection_init":
                    await OnConnectionInitAsync(root).ConfigureAwait(false);
                    break;
                case "ping":
                    await SendAsync(writer => writer.WriteString("type", "pong")).ConfigureAwait(false);
                    break;
                case "pong":
                    break;
                case "subscribe":
                    await OnSubscribeAsync(root).ConfigureAwait(false);
                    break;
                case "complete":
                    if (Id(root) is { } completedId && _operations.TryRemove(completedId, out var operation))
                    {
                        await operation.CancelAsync().ConfigureAwait(false);
                    }

                    break;
                default:
                    await CloseAsync(4400, type is null ? "Invalid message received" : $"Unexpected message type \"{type}\"").ConfigureAwait(false);
                    break;
            }
        }

        private async Task OnConnectionInitAsync(JsonElement root)
        {
            if (Interlocked.Exchange(ref _initReceived, 1) == 1)
            {
                await CloseAsync(4429, "Too many initialisation requests").ConfigureAwait(false);
                return;
            }

            var payload = root.TryGetProperty("payload", out var payloadElement) ? GraphQLJson.ParseVariables(payloadElement) : null;
            if (options.OnConnectionInit is { } check && !await check(context, payload).ConfigureAwait(false))
            {
                await CloseAsync(4403, "Forbidden").ConfigureAwait(false);
                return;
            }

            _acknowledged = true;
            await SendAsync(writer => writer.WriteString("type", "connection_ack")).ConfigureAwait(false);
        }

        private async Task OnSubscribeAsync(JsonElement root)
        {
            if (!_acknowledged)
            {
                await CloseAsync(4401, "Unauthorized").ConfigureAwait(false);
                return;
            }

            var id = Id(root);
            if (id is null || !root.TryGetProperty("payload", out var payload))
            {
                await CloseAsync(4400, "Invalid message received").ConfigureAwait(false);
                return;
            }

            var (request, error) = GraphQLRequestReader.FromJson(payload);
            if (request is null)
            {
                await CloseAsync(4400, error!).ConfigureAwait(false);
                return;
            }

            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
            if (!_operations.TryAdd(id, cancellation))
            {
                cancellation.Dispose();
                await CloseAsync(4409, $"Subscriber for {id} already exists").ConfigureAwait(false);
                return;
            }

            request = request with { UserContext = options.UserContextFactory?.Invoke(context), Services = context.RequestServices };
            _ = RunOperationAsync(id, request, cancellation);
        }

        private async Task RunOperationAsync(string id, GraphQLRequest request, CancellationTokenSource cancellation)
        {
            var token = cancellation.Token;
            try
            {
                var result = await executor.ExecuteAsync(request, token).ConfigureAwait(false);
                if (result.Failure is not null)
                {
                    if (_operations.TryRemove(id, out _))
                    {
                        await SendAsync(writer =>
                        {
                            writer.WriteString("id", id);
                            writer.WriteString("type", "error");
                            writer.WritePropertyName("payload");
                            GraphQLJson.WriteErrors(writer, result.Errors ?? []);
                        }).ConfigureAwait(false);
                    }

                    return;
                }

                if (result.Stream is { } stream)
                {
                    await foreach (var item in stream.WithCancellation(token).ConfigureAwait(false))
                    {
                        await SendNextAsync(id, item).ConfigureAwait(false);
                    }
                }
                else
                {
                    await SendNextAsync(id, result).ConfigureAwait(false);
                }

                // A client-side complete removed the id already; only a server-side end is announced.
                if (_operations.TryRemove(id, out _))
                {
                    await SendAsync(writer =>
                    {
                        writer.WriteString("id", id);
                        writer.WriteString("type", "complete");
                    }).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Completed by the client or the connection closed.
            }
            catch (WebSocketException)
            {
                // The socket died while sending.
            }
            finally
            {
                _operations.TryRemove(id, out _);
                cancellation.Dispose();
            }
        }

        private Task SendNextAsync(string id, ExecutionResult result) => SendAsync(writer =>
        {
            writer.WriteString("id", id);
            writer.WriteString("type", "next");
            writer.WritePropertyName("payload");
            GraphQLJson.Write(writer, result);
        });

        private static string? Id(JsonElement root) =>
            root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value ? value : null;

        private async Task SendAsync(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, GraphQLJson.WriterOptions))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            await _sendLock.WaitAsync(_closed.Token).ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, _closed.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task CloseAsync(int code, string reason)
        {
            await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, FitCloseReason(reason), CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
            finally
            {
                _sendLock.Release();
            }

            await _closed.CancelAsync().ConfigureAwait(false);
        }
    }
}
