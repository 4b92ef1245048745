using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Virtual hosts on a broker we did not start (given by connection string), through its management
/// plugin's HTTP API: rabbitmqctl would need that node's Erlang cookie, which we do not have.
/// </summary>
internal sealed class RabbitMqManagementApi(RabbitMqEndpoint endpoint, Uri baseAddress)
{
    public static Uri DefaultBaseAddress(RabbitMqEndpoint endpoint) => new($"http://{endpoint.Host}:15672/");

    public async Task CreateVirtualHostAsync(string name, CancellationToken ct)
    {
        using var client = CreateClient();
        var vhost = Uri.EscapeDataString(name);
        await SendAsync(client, $"api/vhosts/{vhost}", new { }, ct);
        await SendAsync(
            client,
            $"api/permissions/{vhost}/{Uri.EscapeDataString(endpoint.UserName)}",
            new { configure = ".*", write = ".*", read = ".*" },
            ct);
    }

    public async Task DeleteVirtualHostAsync(string name, CancellationToken ct)
    {
        using var client = CreateClient();
        using var response = await client.DeleteAsync(new Uri($"api/vhosts/{Uri.EscapeDataString(name)}", UriKind.Relative), ct);
        await EnsureSuccessAsync(response, ct);
    }

    private HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoint.UserName}:{endpoint.Password}")));
        return client;
    }

    private async Task SendAsync(HttpClient client, string path, object body, CancellationToken ct)
    {
        try
        {
            using var response = await client.PutAsJsonAsync(new Uri(path, UriKind.Relative), body, ct);
            await EnsureSuccessAsync(response, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ProvisioningException(
                $"Could not create a virtual host through the management API at {baseAddress} ({e.Message}). " +
                "A broker given by connection string needs the management plugin for per-class virtual hosts; " +
                "set LocalInfrastructureOptions.RabbitMqManagementUri if it is not on port 15672.", e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new ProvisioningException(
                $"The RabbitMQ management API at {baseAddress} answered {(int)response.StatusCode}: {text}");
        }
    }
}
