using System.Net.Http.Headers;
using System.Text;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>
/// Reaches a Service through the API server's proxy (<c>/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/…</c>),
/// the way <c>kubectl proxy</c> users do: no port-forward, no ingress, the same on every substrate.
/// </summary>
public sealed class ServiceProxy
{
    private readonly KubeHttp http;

    public ServiceProxy(KubeHttp http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary>The proxy path for a service port and a path on it.</summary>
    public static string PathFor(string ns, string service, string port, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var target = string.IsNullOrEmpty(port) ? service : $"{service}:{port}";
        return $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/services/{Uri.EscapeDataString(target)}/proxy/{path.TrimStart('/')}";
    }

    /// <summary>Sends a request to the service and returns status code and body (the body is never logged here).</summary>
    public async Task<ProxyResponse> SendAsync(ServiceRef target, HttpMethod method, string path, string? jsonBody, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var content = jsonBody is null ? null : new StringContent(jsonBody, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var proxyPath = PathFor(target.Namespace, target.Name, target.Port, path);

        // The service's own Authorization header must not collide with the API server's: KubernetesClient puts its
        // credentials on the request, so extra headers travel as they are and the proxy forwards them.
        var request = new HttpRequestMessage(method, new Uri(http.Client.BaseUri.ToString().TrimEnd('/') + proxyPath)) { Content = content };
        using (request)
        {
            if (http.Client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellationToken);
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }

            try
            {
                using var response = await http.Client.HttpClient.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                return new ProxyResponse((int)response.StatusCode, body);
            }
            catch (HttpRequestException e)
            {
                throw new KubeApiException($"{method} {path} on service {target} through the API server's service proxy failed: {e.Message}", e);
            }
        }
    }
}

/// <summary>What a proxied request answered.</summary>
public sealed record ProxyResponse(int StatusCode, string Body);
