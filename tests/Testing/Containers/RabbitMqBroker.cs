using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using TokenOptimizer.Provisioning;

namespace TokenOptimizer.Testing.Containers;

/// <summary>
/// A RabbitMQ broker on which each test class gets a virtual host of its own, made through the management API
/// (tens of milliseconds, where rabbitmqctl took about a second).
/// </summary>
public sealed class RabbitMqBroker : IDisposable
{
    private readonly HttpClient _management;

    /// <param name="admin">An administrator, on the default virtual host.</param>
    /// <param name="managementApi">The management API, e.g. <c>http://localhost:15672/</c>.</param>
    /// <param name="isThrowaway">True for our own container, thrown away whole when the process ends.</param>
    public RabbitMqBroker(RabbitMqEndpoint admin, Uri managementApi, bool isThrowaway)
    {
        Admin = admin;
        IsThrowaway = isThrowaway;
        _management = new HttpClient { BaseAddress = managementApi, Timeout = TimeSpan.FromSeconds(30) };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.UserName}:{admin.Password}")));
    }

    /// <summary>The administrator on the default virtual host.</summary>
    public RabbitMqEndpoint Admin { get; }

    /// <summary>The management API's base address.</summary>
    public Uri ManagementApi => _management.BaseAddress!;

    /// <summary>True when the broker is our own container: nothing on it needs tidying.</summary>
    public bool IsThrowaway { get; }

    /// <summary>Creates virtual host <paramref name="name"/>, lets the administrator do everything in it, and returns its AMQP URI.</summary>
    public async Task<string> CreateVirtualHostAsync(string name)
    {
        var vhost = Uri.EscapeDataString(name);
        await SendAsync(HttpMethod.Put, $"api/vhosts/{vhost}", new { });
        await SendAsync(HttpMethod.Put, $"api/permissions/{vhost}/{Uri.EscapeDataString(Admin.UserName)}", new { configure = ".*", write = ".*", read = ".*" });
        return Admin.WithVirtualHost(name).ConnectionString;
    }

    /// <summary>Deletes virtual host <paramref name="name"/> with its queues and exchanges.</summary>
    public Task DeleteVirtualHostAsync(string name) => SendAsync(HttpMethod.Delete, $"api/vhosts/{Uri.EscapeDataString(name)}", null);

    public void Dispose() => _management.Dispose();

    private async Task SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        try
        {
            response = await _management.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException(
                $"No RabbitMQ management API at {_management.BaseAddress} ({e.Message}): a broker given by connection string needs its management plugin on port 15672.", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"The RabbitMQ management API at {_management.BaseAddress} answered {method} {path} with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
