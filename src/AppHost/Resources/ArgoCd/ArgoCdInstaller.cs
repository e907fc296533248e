using k8s;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>Installs Argo CD from a plan through KubernetesClient (server-side apply; no kubectl) and waits until it runs.</summary>
public static class ArgoCdInstaller
{
    /// <summary>True when the cluster serves argoproj.io Applications (Argo CD's CRDs are installed).</summary>
    public static async Task<bool> IsInstalledAsync(Kubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await new DynamicClient(client).Discovery.TryResolveAsync("argoproj.io/v1alpha1", "Application", cancellationToken) is not null;
    }

    public static async Task InstallAsync(Kubernetes client, ArgoCdInstallPlan plan, TimeSpan timeout, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(log);
        var dynamic = new DynamicClient(client);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var crdsEstablished = false;
        try
        {
            foreach (var o in plan.Objects)
            {
                if (!crdsEstablished && o["kind"]?.GetValue<string>() is not ("Namespace" or "CustomResourceDefinition"))
                {
                    await WaitCrdsAsync(dynamic, cts.Token);
                    crdsEstablished = true;
                }

                await dynamic.ApplyAsync(o, plan.Namespace, cts.Token);
            }

            log($"applied {plan.Objects.Count} Argo CD objects; waiting for {plan.Workloads.Count} workloads");
            foreach (var (kind, name) in plan.Workloads)
            {
                while (true)
                {
                    var live = await dynamic.GetAsync(new ObjectRef("apps/v1", kind, plan.Namespace, name), cts.Token);
                    var want = live?["spec"]?["replicas"]?.GetValue<int>() ?? 1;
                    var ready = live?["status"]?["readyReplicas"]?.GetValue<int>() ?? 0;
                    if (ready >= want)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(2), cts.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArgoCdInstallException($"Argo CD did not become ready within {timeout.TotalMinutes:0} min in namespace {plan.Namespace}; check `kubectl -n {plan.Namespace} get pods` (image pulls need registry access: quay.io/argoproj/argocd).");
        }
    }

    private static async Task WaitCrdsAsync(DynamicClient dynamic, CancellationToken cancellationToken)
    {
        while (await dynamic.Discovery.TryResolveAsync("argoproj.io/v1alpha1", "Application", cancellationToken) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
