using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.Validators.Kube;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Resources.FakeLlm;

/// <summary>
/// The fake LLM's <c>/metrics</c> (vLLM's Prometheus series), linked from its resource on the Aspire Dashboard. The
/// model server runs inside the cluster (in-process stand-in pods on sim, the loaded image on k3s), reachable only
/// through the API server, whose credentials a browser does not have: the run view serves
/// <see cref="Path"/>, which reads <c>/metrics</c> from the scenario's model-server Service (<c>smoke.service</c>)
/// through the API server's service proxy — the way <c>kubectl get --raw …/proxy/metrics</c> does — and answers with
/// its text, or with what is missing (no Service named, no pod running because the cost gate is scaled down).
/// </summary>
public static class FakeLlmMetricsLink
{
    public const string Path = "/fake-llm/metrics";

    /// <summary>Links <paramref name="llm"/>'s <c>/metrics</c> on the dashboard, served by <paramref name="view"/>.</summary>
    public static IResourceBuilder<FakeLlmResource> WithMetricsLink(this IResourceBuilder<FakeLlmResource> llm, IResourceBuilder<RunViewResource> view, Func<ILiveSubstrate> substrate, ServiceRef? service)
    {
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(substrate);
        var map = view.Resource.MapPages;
        view.Resource.MapPages = app =>
        {
            map?.Invoke(app);
            app.MapGet(Path, (CancellationToken token) => ReadAsync(substrate, service, token));
        };
        llm.Resource.MetricsLink = () => view.Resource.Url is { } url ? new Uri(url, Path.TrimStart('/')) : null;
        return llm.WaitFor(view);
    }

    private static async Task<IResult> ReadAsync(Func<ILiveSubstrate> substrate, ServiceRef? service, CancellationToken cancellationToken)
    {
        if (service is null)
        {
            return Results.Text("The scenario names no model-server Service (smoke.service), so there is no fake LLM /metrics to show.\n", statusCode: StatusCodes.Status404NotFound);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var client = substrate().CreateClient();
            var response = await new ServiceProxy(new DynamicClient(client).Http).SendAsync(service, HttpMethod.Get, "/metrics", null, null, timeout.Token);
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                return Results.Text(response.Body, "text/plain; version=0.0.4; charset=utf-8");
            }

            return Results.Text(
                $"Service {service.Namespace}/{service.Name}:{service.Port} answered {response.StatusCode} for /metrics: no model-server pod is ready behind it (a cost gate is scaled down until it is scaled up: the argocd resource's scale-up command, or `make vllm-up`).\n{SecretRedactor.Shared.Redact(response.Body)}\n",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or InvalidOperationException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Results.Text($"Could not read /metrics of Service {service.Namespace}/{service.Name}:{service.Port}: {SecretRedactor.Shared.Describe(e)}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
