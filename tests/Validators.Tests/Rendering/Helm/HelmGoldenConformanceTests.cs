using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>
/// The renderer against Helm's own `helm template` goldens (pkg/cmd/testdata/output in a helm/helm checkout named by
/// PV_HELM_CHECKOUT; nothing of it is committed here). Each case is the golden's command line as a render request.
/// </summary>
public class HelmGoldenConformanceTests
{
    private static readonly object[] Cases =
    [
        new object[] { "subchart", "template.txt", new HelmRenderRequest() },
        new object[] { "subchart", "template-set.txt", Set("service.name=apache") },
        new object[] { "subchart", "template-with-kube-version.txt", new HelmRenderRequest { KubeVersion = "1.16.0" } },
        new object[] { "subchart", "template-with-api-version.txt", new HelmRenderRequest { ApiVersions = ["helm.k8s.io/test", "helm.k8s.io/test2"] } },
        new object[] { "subchart", "template-with-crds.txt", new HelmRenderRequest { IncludeCrds = true } },
        new object[] { "subchart", "template-show-only-one.txt", new HelmRenderRequest { ShowOnly = ["templates/service.yaml"] } },
        new object[] { "subchart", "template-show-only-glob.txt", new HelmRenderRequest { ShowOnly = ["templates/subdir/role*"] } },
        new object[] { "subchart", "template-skip-tests.txt", new HelmRenderRequest { SkipTests = true } },
        new object[] { "subchart", "template-subchart-cm.txt", Set("configmap.enabled=true", "subchartb.enabled=true") },
        new object[] { "subchart", "template-subchart-cm-set.txt", Set("configmap.enabled=true", "subchartb.enabled=true", "configmap.value=baz") },
        new object[] { "chart-with-template-lib-dep", "template-chart-with-template-lib-dep.txt", new HelmRenderRequest() },
        new object[] { "chart-with-template-lib-archive-dep", "template-chart-with-template-lib-archive-dep.txt", new HelmRenderRequest() },
        new object[] { "object-order", "object-order.txt", new HelmRenderRequest() },
        new object[] { "issue-9027", "issue-9027.txt", new HelmRenderRequest() },
    ];

    private static HelmRenderRequest Set(params string[] expressions)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var e in expressions)
        {
            HelmValues.ApplySet(values, e, asString: false);
        }

        return new HelmRenderRequest { Values = values };
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesHelmTemplateGolden(string chart, string golden, HelmRenderRequest request)
    {
        var checkout = Environment.GetEnvironmentVariable("PV_HELM_CHECKOUT");
        if (string.IsNullOrEmpty(checkout))
        {
            Assert.Ignore("PV_HELM_CHECKOUT is not set: point it at a checkout of helm/helm to compare with its `helm template` goldens.");
        }

        var testdata = Path.Combine(checkout!, "pkg", "cmd", "testdata");
        var loaded = HelmChartLoader.LoadDirectory(RepoTree.Open(Path.Combine(testdata, "testcharts", chart)), string.Empty);
        var expected = File.ReadAllText(Path.Combine(testdata, "output", golden));

        var actual = HelmChartRenderer.Render(loaded, request).ToText();

        Assert.That(actual, Is.EqualTo(expected));
    }
}
