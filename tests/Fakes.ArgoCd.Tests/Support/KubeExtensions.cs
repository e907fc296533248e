using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary>KubernetesClient calls the tests make, as a user with kubectl would.</summary>
internal static class KubeExtensions
{
    public static async Task<V1ConfigMap?> TryReadConfigMapAsync(this IKubernetes client, string name, string ns)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<V1Deployment?> TryReadDeploymentAsync(this IKubernetes client, string name, string ns)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes <c>operation</c> as <c>argocd app sync</c> does (merge patch of the Application).</summary>
    public static Task SyncAppAsync(this IKubernetes client, string name, bool prune = false, string? resources = null, string? retry = null)
    {
        var op = new JsonObject
        {
            ["initiatedBy"] = new JsonObject { ["username"] = "admin" },
            ["sync"] = new JsonObject { ["prune"] = prune, ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() } },
        };
        if (resources is not null)
        {
            op["sync"]!["resources"] = JsonNode.Parse(resources);
        }

        if (retry is not null)
        {
            op["retry"] = JsonNode.Parse(retry);
        }

        return client.PatchAppAsync(name, new JsonObject { ["operation"] = op });
    }

    public static Task PatchAppAsync(this IKubernetes client, string name, JsonObject mergePatch) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(mergePatch.ToJsonString(), V1Patch.PatchType.MergePatch), "argoproj.io", "v1alpha1", "argocd", "applications", name);

    public static Task DeleteAppAsync(this IKubernetes client, string name) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", "applications", name);

    public static Task SetDeploymentAvailableAsync(this IKubernetes client, string name, string ns, int replicas = 1)
    {
        var r = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var status = JsonNode.Parse("{\"status\":{\"observedGeneration\":1,\"replicas\":" + r + ",\"updatedReplicas\":" + r + ",\"readyReplicas\":" + r + ",\"availableReplicas\":" + r + "}}")!;
        return client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns);
    }

    public static JsonObject ToJson(object o) => JsonNode.Parse(JsonSerializer.Serialize(o))!.AsObject();

    /// <summary>Polls until <paramref name="condition"/> holds or fails naming <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? PlatformValidation.Tests.TestTimeouts.Medium);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("Timed out waiting for: " + what);
    }
}
