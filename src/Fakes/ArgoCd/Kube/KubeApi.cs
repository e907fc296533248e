using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Kube;

/// <summary>
/// Generic (dynamic) Kubernetes REST calls over KubernetesClient's authenticated <see cref="Kubernetes.HttpClient"/>:
/// any group/version/resource, JSON in and out, the server's Status message kept on errors. This is how the
/// reconciler talks to the API server, exactly like Argo CD's dynamic client, so it runs against any cluster.
/// </summary>
public sealed class KubeApi
{
    private readonly Kubernetes client;
    private long requestCount;

    public KubeApi(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client as Kubernetes ?? throw new ArgumentException("the simulated Argo CD needs a k8s.Kubernetes client (KubernetesClient) to issue dynamic requests", nameof(client));
    }

    /// <summary>Requests sent so far (for tests asserting the controller does not spin while idle).</summary>
    public long RequestCount => Interlocked.Read(ref requestCount);

    public Uri BaseUri => client.BaseUri;

    public static string Path(ApiResource r, string? ns, string? name = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder(r.Group.Length == 0 ? $"/api/{r.Version}" : $"/apis/{r.Group}/{r.Version}");
        if (r.Namespaced && !string.IsNullOrEmpty(ns))
        {
            sb.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        sb.Append('/').Append(r.Plural);
        if (name is not null)
        {
            sb.Append('/').Append(Uri.EscapeDataString(name));
        }

        if (subresource is not null)
        {
            sb.Append('/').Append(subresource);
        }

        return sb.ToString();
    }

    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request with a JSON body; throws <see cref="ResourceOperationException"/> with the server's message on failure.</summary>
    public async Task<JsonObject> SendJsonAsync(HttpMethod method, string path, JsonNode? body, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(method, path, body?.ToJsonString(), contentType, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken, bool stream = false)
    {
        Interlocked.Increment(ref requestCount);
        var request = new HttpRequestMessage(method, new Uri(client.BaseUri, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is not null)
        {
            await client.Credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await client.HttpClient.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ResourceOperationException($"the Kubernetes API at {client.BaseUri} is not reachable: {e.Message}", 0, e);
        }
        finally
        {
            request.Dispose();
        }
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? node = null;
        try
        {
            node = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: keep the text for the message.
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = node is JsonObject status && Json.Str(status, "message") is { Length: > 0 } m ? m : $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}";
            throw new ResourceOperationException(message, (int)response.StatusCode);
        }

        return node as JsonObject ?? new JsonObject();
    }
}

/// <summary>One API resource from discovery.</summary>
public sealed record ApiResource(string Group, string Version, string Kind, string Plural, bool Namespaced, IReadOnlyList<string> Verbs)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupKind => $"{Group}/{Kind}";
}
