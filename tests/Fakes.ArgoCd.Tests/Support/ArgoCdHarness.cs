using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Fakes.ArgoCd.Hosting;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary>
/// An API server plus a running simulated Argo CD, driven with KubernetesClient only (as a user with kubectl would).
/// </summary>
public sealed class ArgoCdHarness : IAsyncDisposable
{
    public const string RepoUrl = "https://git.example.com/platform.git";

    private readonly SimulatedCluster server;

    private ArgoCdHarness(SimulatedCluster server, Kubernetes client, SimulatedArgoCd argo)
    {
        this.server = server;
        Client = client;
        Argo = argo;
    }

    public Kubernetes Client { get; }

    public SimulatedArgoCd Argo { get; }

    public SimulatedCluster Cluster => server;

    public static async Task<ArgoCdHarness> StartAsync(IReadOnlyDictionary<string, string> repos, Func<ArgoCdOptions, ArgoCdOptions>? configure = null)
    {
        var server = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { PodStartDelay = TimeSpan.FromMilliseconds(100), JobRunDuration = TimeSpan.FromMilliseconds(200) });
        var client = server.CreateClient();
        var options = new ArgoCdOptions
        {
            Repositories = repos,
            ReconciliationInterval = TimeSpan.FromMilliseconds(500),
            SyncWaveDelay = TimeSpan.FromMilliseconds(50),
            OperationPollInterval = TimeSpan.FromMilliseconds(200),
            SelfHealBackoff = TimeSpan.FromMilliseconds(200),
        };
        options = configure?.Invoke(options) ?? options;
        var argo = await SimulatedArgoCd.StartAsync(client, options, TestTimeouts.Token(TestTimeouts.Short));
        return new ArgoCdHarness(server, client, argo);
    }

    public async Task ApplyAppAsync(string json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        var plural = body["kind"]!.GetValue<string>() switch
        {
            "Application" => "applications",
            "AppProject" => "appprojects",
            _ => "applicationsets",
        };
        var name = body["metadata"]!["name"]!.GetValue<string>();
        var element = JsonSerializer.Deserialize<JsonElement>(body.ToJsonString());
        try
        {
            await Client.CustomObjects.GetNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", plural, name);
            await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new k8s.Models.V1Patch(body.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch), "argoproj.io", "v1alpha1", "argocd", plural, name);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await Client.CustomObjects.CreateNamespacedCustomObjectAsync(element, "argoproj.io", "v1alpha1", "argocd", plural);
        }
    }

    public async Task<JsonObject?> GetAppAsync(string name, string plural = "applications")
    {
        try
        {
            var o = await Client.CustomObjects.GetNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", plural, name);
            return JsonNode.Parse(JsonSerializer.Serialize(o))!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Polls the Application until <paramref name="predicate"/> holds; fails with the last status seen.</summary>
    public async Task<JsonObject> WaitForAppAsync(string name, Func<JsonObject, bool> predicate, string what, TimeSpan? timeout = null, string plural = "applications")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestTimeouts.Medium);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAppAsync(name, plural);
            if (last is not null && predicate(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Application {name} never reached: {what}. Last status: {last?["status"]?.ToJsonString()}; operation: {last?["operation"]?.ToJsonString()}");
        return null!;
    }

    public static Func<JsonObject, bool> SyncedHealthy => a =>
        a["status"]?["sync"]?["status"]?.GetValue<string>() == "Synced" && a["status"]?["health"]?["status"]?.GetValue<string>() == "Healthy" && a["operation"] is null;

    public async ValueTask DisposeAsync()
    {
        await Argo.DisposeAsync();
        Client.Dispose();
        await server.DisposeAsync();
    }
}
