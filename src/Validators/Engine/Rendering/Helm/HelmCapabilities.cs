using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// <c>.Capabilities</c> under <c>helm template</c> [helm pkg/chart/common/capabilities.go]: KubeVersion (Version,
/// GitVersion, Major, Minor), the API versions client-go knows plus <c>--api-versions</c>, and HelmVersion.
/// </summary>
internal static class HelmCapabilities
{
    private static readonly string[] BuiltInApiVersions =
    [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1", "apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1",
        "apiregistration.k8s.io/v1", "apps/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2",
        "batch/v1", "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "node.k8s.io/v1", "policy/v1",
        "rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1", "storage.k8s.io/v1beta1",
    ];

    public static Dictionary<string, object?> Build(string kubeVersion, IReadOnlyList<string> apiVersions)
    {
        var v = kubeVersion.Trim();
        var normalized = v.StartsWith('v') ? v : "v" + v;
        GoSemver.Version parsed;
        try
        {
            parsed = GoSemver.Parse(normalized);
        }
        catch (GoTemplateException)
        {
            throw new HelmChartException($"invalid kube version \"{kubeVersion}\": expected a version such as v1.30.0");
        }

        var kube = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Version"] = normalized,
            ["GitVersion"] = normalized,
            ["Major"] = parsed.Major.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Minor"] = parsed.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["KubeVersion"] = kube,
            ["APIVersions"] = new GoVersionSet(BuiltInApiVersions.Concat(apiVersions).Distinct(StringComparer.Ordinal)),
            ["HelmVersion"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Version"] = "v3.17.0", ["GitCommit"] = string.Empty, ["GitTreeState"] = "clean", ["GoVersion"] = "go1.23" },
        };
    }
}
