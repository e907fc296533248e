using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary><c>kubectl apply -f</c> / <c>kubectl delete -f</c> for Argo CD manifests, through KubernetesClient.</summary>
internal static class ManifestApplier
{
    public static IReadOnlyList<JsonObject> Load(string file) =>
        new ManifestLoader().LoadText(File.ReadAllText(file), Path.GetFileName(file)).Objects.Select(o => (JsonObject)o.Body.DeepClone()).ToList();

    public static string Plural(string kind) => kind switch
    {
        "Application" => "applications",
        "ApplicationSet" => "applicationsets",
        "AppProject" => "appprojects",
        _ => throw new ArgumentException($"not an Argo CD kind: {kind}", nameof(kind)),
    };

    public static async Task ApplyFileAsync(IKubernetes client, string file)
    {
        foreach (var obj in Load(file))
        {
            var kind = obj["kind"]!.GetValue<string>();
            var name = obj["metadata"]!["name"]!.GetValue<string>();
            var ns = obj["metadata"]!["namespace"]?.GetValue<string>() ?? "argocd";
            try
            {
                await client.CustomObjects.GetNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", ns, Plural(kind), name);
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(obj.ToJsonString(), V1Patch.PatchType.MergePatch), "argoproj.io", "v1alpha1", ns, Plural(kind), name);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(JsonSerializer.Deserialize<JsonElement>(obj.ToJsonString()), "argoproj.io", "v1alpha1", ns, Plural(kind));
            }
        }
    }

    public static async Task DeleteFileAsync(IKubernetes client, string file)
    {
        foreach (var obj in Load(file))
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", obj["metadata"]!["namespace"]?.GetValue<string>() ?? "argocd", Plural(obj["kind"]!.GetValue<string>()), obj["metadata"]!["name"]!.GetValue<string>());
        }
    }

    public static async Task<List<JsonObject>> ListAppsAsync(IKubernetes client)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", "applications");
        return JsonNode.Parse(JsonSerializer.Serialize(list))!["items"]!.AsArray().OfType<JsonObject>().ToList();
    }
}
