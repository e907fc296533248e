using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>
/// Raw requests through a KubernetesClient <see cref="Kubernetes"/> instance: its HttpClient (TLS, client
/// certificates, the retry handler) and its credentials. Used where the typed client has no call: any kind by
/// discovery, server-side apply of a JSON body, and the service proxy with a request body.
/// </summary>
public sealed class KubeHttp
{
    public KubeHttp(Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
    }

    public Kubernetes Client { get; }

    /// <summary>Sends a request to <paramref name="pathAndQuery"/> (starting with <c>/</c>) and returns the raw response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var uri = new Uri(Client.BaseUri.ToString().TrimEnd('/') + pathAndQuery);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (Client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        try
        {
            return await Client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new KubeApiException($"{method} {StripQuery(pathAndQuery)}: the API server at {Client.BaseUri.GetLeftPart(UriPartial.Authority)} could not be reached ({e.Message}).", e);
        }
    }

    /// <summary>Sends a request and parses the JSON answer; 404 gives null; other errors throw <see cref="KubeApiException"/>.</summary>
    public async Task<JsonObject?> SendJsonAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string contentType, CancellationToken cancellationToken = default)
    {
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8);
        if (content is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await SendAsync(method, pathAndQuery, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Get)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Failure(method, pathAndQuery, response.StatusCode, text);
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
    }

    /// <summary>The exception for a failed call, quoting the Status object's message and reason.</summary>
    public static KubeApiException Failure(HttpMethod method, string pathAndQuery, HttpStatusCode status, string body)
    {
        ArgumentNullException.ThrowIfNull(method);
        string? message = null;
        string? reason = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["kind"]?.GetValue<string>() == "Status")
            {
                message = o["message"]?.GetValue<string>();
                reason = o["reason"]?.GetValue<string>();
            }
        }
        catch (JsonException)
        {
            // Not a Status object: quote the start of the body instead.
        }

        message ??= body.Length > 200 ? body[..200] + "…" : body;
        return new KubeApiException($"{method} {StripQuery(pathAndQuery)} failed: {(int)status} {reason ?? status.ToString()}: {message}", status, reason);
    }

    private static string StripQuery(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? pathAndQuery : pathAndQuery[..q];
    }
}
