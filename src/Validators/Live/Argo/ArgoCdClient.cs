using System.Text.Json.Nodes;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Argo;

/// <summary>
/// Drives Argo CD through its Kubernetes objects only, as the <c>argocd</c> CLI does under the hood: reads
/// Applications, starts a sync by writing the <c>operation</c> field, asks for a refresh through the refresh
/// annotation. Works the same against the simulated reconciler and real Argo CD.
/// </summary>
public sealed class ArgoCdClient
{
    private readonly DynamicClient client;

    public ArgoCdClient(DynamicClient client, string ns)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        this.client = client;
        Namespace = ns;
    }

    /// <summary>The namespace Argo CD watches.</summary>
    public string Namespace { get; }

    /// <summary>Every Application by name.</summary>
    public async Task<IReadOnlyDictionary<string, AppState>> ListAsync(CancellationToken cancellationToken = default)
    {
        var items = await client.ListAsync(ArgoLive.ApiVersion, ArgoLive.Application, Namespace, cancellationToken: cancellationToken);
        return items.Select(AppState.From).GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>One Application, or null when it does not exist.</summary>
    public async Task<AppState?> GetAsync(string app, CancellationToken cancellationToken = default)
    {
        var body = await client.GetAsync(Ref(app), cancellationToken);
        return body is null ? null : AppState.From(body);
    }

    /// <summary>Starts a sync the way <c>argocd app sync</c> does: writes <c>operation.sync</c> on the Application.</summary>
    public async Task SyncAsync(string app, bool prune = false, CancellationToken cancellationToken = default)
    {
        var revision = (await client.GetAsync(Ref(app), cancellationToken))?["spec"]?["source"]?["targetRevision"]?.GetValue<string>();
        var sync = new JsonObject
        {
            ["prune"] = prune,
            ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() },
        };
        if (!string.IsNullOrEmpty(revision))
        {
            sync["revision"] = revision;
        }

        var patch = new JsonObject
        {
            ["operation"] = new JsonObject
            {
                ["initiatedBy"] = new JsonObject { ["username"] = ArgoLive.Initiator },
                ["info"] = new JsonArray(new JsonObject { ["name"] = "Reason", ["value"] = "platform-validation sync" }),
                ["sync"] = sync,
            },
        };
        await client.MergePatchAsync(Ref(app), patch, cancellationToken: cancellationToken);
    }

    /// <summary>Asks Argo CD to compare again (hard: regenerate manifests too), through the refresh annotation.</summary>
    public Task RefreshAsync(string app, bool hard = true, CancellationToken cancellationToken = default) =>
        client.MergePatchAsync(
            Ref(app),
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ArgoLive.RefreshAnnotation] = hard ? "hard" : "normal" } } },
            cancellationToken: cancellationToken);

    /// <summary>The reference of an Application of this namespace.</summary>
    public ObjectRef Ref(string app) => new(ArgoLive.ApiVersion, ArgoLive.Application, Namespace, app);
}
