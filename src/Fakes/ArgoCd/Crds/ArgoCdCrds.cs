using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.ArgoCd.Crds;

/// <summary>The <c>argoproj.io/v1alpha1</c> CRDs the simulated Argo CD installs (Application, ApplicationSet, AppProject).</summary>
public static class ArgoCdCrds
{
    private static readonly string[] Names = ["application-crd.yaml", "applicationset-crd.yaml", "appproject-crd.yaml"];

    public static IReadOnlyList<JsonObject> All()
    {
        var loader = new ManifestLoader();
        var result = new List<JsonObject>();
        foreach (var name in Names)
        {
            using var stream = typeof(ArgoCdCrds).Assembly.GetManifestResourceStream("PlatformValidation.Fakes.ArgoCd.Crds." + name)
                ?? throw new InvalidOperationException($"embedded CRD {name} is missing from the build");
            using var reader = new StreamReader(stream);
            var loaded = loader.LoadText(reader.ReadToEnd(), name);
            result.AddRange(loaded.Objects.Select(o => (JsonObject)o.Body.DeepClone()));
        }

        return result;
    }
}
