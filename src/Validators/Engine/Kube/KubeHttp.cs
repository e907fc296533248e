using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace PlatformValidation.Validators.Kube;

/// <summary>
/// Raw requests through a KubernetesClient <see cref="Kubernetes"/> instance: its HttpClient (TLS, client
/// certificates, the retry handler) and its credentials. The one dynamic transport of the project: any kind by
/// discovery, server-side apply of a JSON body, list and watch of any resource (the simulated Argo CD's informers),
/// and the service proxy with a request body.
/// </summary>
public sealed class KubeHttp
{
    private long requestCount;

    public KubeHttp(Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
    }

    public Kubernetes Client { get; }

    public Uri BaseUri => Client.BaseUri;

    /// <summary>Requests sent so far (tests assert that an idle controller does not spin).</summary>
    public long RequestCount => Interlocked.Read(ref requestCount);

    /// <summary>
    /// Sends a request to <paramref name="pathAndQuery"/> (starting with <c>/</c>, appended to the server URL so a
    /// path prefix such as a Rancher cluster proxy is kept) and returns the raw response; with <paramref name="stream"/>
    /// the body is not buffered (watch). Throws <see cref="KubeApiException"/> when the server cannot be reached.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken = default, bool stream = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        Interlocked.Increment(ref requestCount);
        var uri = new Uri(Client.BaseUri.ToString().TrimEnd('/') + pathAndQuery);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (Client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await Client.HttpClient.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new KubeApiException($"{method} {StripQuery(pathAndQuery)}: the API server at {Client.BaseUri.GetLeftPart(UriPartial.Authority)} could not be reached ({e.Message}).", e);
        }
    }

    /// <summary>GETs an object or list; null when it does not exist (404).</summary>
    public Task<JsonObject?> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken: cancellationToken);

    /// <summary>Sends a request and parses the JSON answer; a GET answered 404 gives null; other errors throw <see cref="KubeApiException"/>.</summary>
    public async Task<JsonObject?> SendJsonAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8);
        if (content is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await SendAsync(method, pathAndQuery, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Get)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Failure(method, pathAndQuery, response.StatusCode, text, response.ReasonPhrase);
        }

        try
        {
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject(); // A success answer that is not JSON carries nothing to read.
        }
    }

    /// <summary>The exception for a failed call, quoting the Status object's message and reason.</summary>
    public static KubeApiException Failure(HttpMethod method, string pathAndQuery, HttpStatusCode status, string body, string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(body);
        string? message = null;
        string? reason = null;
        string? anyMessage = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o)
            {
                anyMessage = o["message"] is JsonValue v && v.TryGetValue<string>(out var m) && m.Length > 0 ? m : null;
                if (o["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind == "Status")
                {
                    message = anyMessage;
                    reason = o["reason"] is JsonValue r && r.TryGetValue<string>(out var rs) ? rs : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status object: quote the start of the body instead.
        }

        var serverMessage = anyMessage ?? $"{(int)status} {reasonPhrase ?? status.ToString()}: {body}";
        message ??= body.Length > 200 ? body[..200] + "…" : body;
        return new KubeApiException($"{method} {StripQuery(pathAndQuery)} failed: {(int)status} {reason ?? status.ToString()}: {message}", status, reason, serverMessage);
    }

    private static string StripQuery(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? pathAndQuery : pathAndQuery[..q];
    }
}
