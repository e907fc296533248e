using System.Net.WebSockets;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>
/// Sends one HTTP request to a Service's backing pod through a port-forward (KubernetesClient's WebSocket
/// port-forward, <c>v4.channel.k8s.io</c>), the way <c>kubectl port-forward svc/NAME</c> resolves it: a Running and
/// Ready pod selected by the Service, the Service port's targetPort (number or container port name). Used where the
/// request carries its own <c>Authorization</c> (an LLM API key): the API server's service proxy consumes that header
/// for itself and never forwards it.
/// </summary>
public sealed class PortForwarder
{
    private const string ChannelProtocol = "v4.channel.k8s.io";
    private readonly Kubernetes client;

    public PortForwarder(Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
    }

    /// <summary>Sends the request and returns status code and body (neither headers nor body are logged here).</summary>
    public async Task<ProxyResponse> SendAsync(ServiceRef target, HttpMethod method, string path, string? jsonBody, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var (pod, port) = await ResolveAsync(target, cancellationToken);
        WebSocket socket;
        try
        {
            socket = await client.WebSocketNamespacedPodPortForwardAsync(pod, target.Namespace, [port], ChannelProtocol, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or HttpOperationException or HttpRequestException or InvalidOperationException)
        {
            throw new KubeApiException($"port-forward to pod {target.Namespace}/{pod} port {port} (behind service {target}) could not be opened: {e.Message}", e);
        }

        using (socket)
        using (var demuxer = new StreamDemuxer(socket, StreamType.PortForward))
        using (cancellationToken.Register(socket.Abort))
        {
            demuxer.Start();
            var data = demuxer.GetStream((byte?)0, (byte?)0);
            var errors = demuxer.GetStream((byte?)1, null);
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = (_, _) => ValueTask.FromResult(data),
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
            };
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{port}/{path.TrimStart('/')}"));
            request.Headers.ConnectionClose = true;
            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                return new ProxyResponse((int)response.StatusCode, body);
            }
            catch (HttpRequestException e)
            {
                var reason = await ReadErrorAsync(errors);
                throw new KubeApiException($"{method} {path} on service {target} through a port-forward to pod {pod} port {port} failed: {(reason.Length > 0 ? reason : e.Message)}", e);
            }
        }
    }

    /// <summary>What the error channel says (the kubelet writes why a forward failed), read briefly.</summary>
    private static async Task<string> ReadErrorAsync(Stream errors)
    {
        var buffer = new byte[4096];
        var read = await Task.WhenAny(errors.ReadAsync(buffer, 0, buffer.Length), Task.Delay(TimeSpan.FromMilliseconds(500))) is Task<int> { IsCompletedSuccessfully: true } t ? t.Result : 0;
        return Encoding.UTF8.GetString(buffer, 0, read).Trim();
    }

    /// <summary>The pod and container port a port-forward to the Service lands on, as kubectl resolves them.</summary>
    public async Task<(string Pod, int Port)> ResolveAsync(ServiceRef target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        V1Service service;
        try
        {
            service = await client.CoreV1.ReadNamespacedServiceAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new KubeApiException($"service {target}: the Service cannot be read ({(int)e.Response.StatusCode}): {e.Response.ReasonPhrase}", e);
        }

        var ports = service.Spec?.Ports ?? [];
        var servicePort = ports.FirstOrDefault(p => p.Name == target.Port || p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == target.Port)
            ?? (string.IsNullOrEmpty(target.Port) && ports.Count == 1 ? ports[0] : null)
            ?? throw new KubeApiException($"service {target}: the Service has no port {target.Port} (it has {string.Join(", ", ports.Select(p => p.Name ?? p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))})");
        var selector = service.Spec?.Selector;
        if (selector is null || selector.Count == 0)
        {
            throw new KubeApiException($"service {target}: the Service has no selector, so no pod to forward to");
        }

        var labelSelector = string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}"));
        var pods = await client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: labelSelector, cancellationToken: cancellationToken);
        var pod = pods.Items
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running")
            .OrderByDescending(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .FirstOrDefault()
            ?? throw new KubeApiException($"service {target}: no running pod matches the Service's selector {labelSelector}");
        var targetPort = servicePort.TargetPort?.Value;
        if (string.IsNullOrEmpty(targetPort))
        {
            return (pod.Metadata.Name, servicePort.Port);
        }

        if (int.TryParse(targetPort, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return (pod.Metadata.Name, number);
        }

        var named = pod.Spec.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == targetPort)
            ?? throw new KubeApiException($"service {target}: pod {pod.Metadata.Name} has no container port named {targetPort}");
        return (pod.Metadata.Name, named.ContainerPort);
    }
}
