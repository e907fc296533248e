using PlatformValidation.Fakes.ArgoCd.Diff;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Diff;

/// <summary>ARGOCD-SEMANTICS §2.2: normalization, ignoreDifferences and the desired ⊆ live comparison.</summary>
public class DiffTests
{
    private static readonly ResourceKey DeployKey = new("apps", "Deployment", "ns", "web");

    private static bool Differs(string desired, string live, params IgnoreDifferenceRule[] rules)
    {
        var n = new DiffNormalizer(rules);
        var d = Obj.Make("apps/v1", "Deployment", "web", "ns", desired);
        var l = Obj.Make("apps/v1", "Deployment", "web", "ns", live);
        var lastApplied = Json.GetAnnotation(l, ArgoAnnotations.LastApplied) is { } la ? n.Normalize(Obj.Parse(la), DeployKey, l) : null;
        return ResourceDiff.Differs(n.Normalize(d, DeployKey, l), n.Normalize(l, DeployKey, l), lastApplied);
    }

    private static IgnoreDifferenceRule Rule(string[]? pointers = null, string[]? jq = null, string[]? managers = null) =>
        new("apps", "Deployment", null, null, pointers ?? [], jq ?? [], managers ?? []);

    [Test]
    public void StatusIsIgnoredForAllResources() =>
        Assert.That(Differs("""{"status":{"replicas":3}}""", """{"status":{"replicas":1}}"""), Is.False);

    [Test]
    public void FieldsOnlyInLiveSuchAsApiDefaultsNeverCauseOutOfSync() =>
        Assert.That(Differs("""{"spec":{"replicas":1}}""", """{"metadata":{"uid":"u","resourceVersion":"9"},"spec":{"replicas":1,"revisionHistoryLimit":10,"progressDeadlineSeconds":600}}"""), Is.False);

    [Test]
    public void ChangedFieldIsOutOfSync() =>
        Assert.That(Differs("""{"spec":{"replicas":2}}""", """{"spec":{"replicas":1}}"""), Is.True);

    [Test]
    public void FieldRemovedFromGitButStillLiveIsDetectedThroughLastApplied()
    {
        const string live = """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"ns\",\"labels\":{\"a\":\"1\"}}}"},"labels":{"a":"1"}}}""";
        Assert.That(Differs("{}", live), Is.True);
    }

    [Test]
    public void JsonPointerIgnoresReplicas() =>
        Assert.That(Differs("""{"spec":{"replicas":0}}""", """{"spec":{"replicas":3}}""", Rule(pointers: ["/spec/replicas"])), Is.False);

    [Test]
    public void JsonPointerEscapesSlashInAnnotationKeys() =>
        Assert.That(Differs("""{"metadata":{"annotations":{"a/b":"1"}}}""", """{"metadata":{"annotations":{"a/b":"2"}}}""", Rule(pointers: ["/metadata/annotations/a~1b"])), Is.False);

    [TestCase(".spec.replicas")]
    [TestCase(".metadata.annotations[\"serving.kserve.io/stop\"]")]
    [TestCase(".spec.template.spec.containers[] | select(.name == \"app\") | .image")]
    public void CommonJqPathExpressionsAreIgnored(string expression)
    {
        const string desired = """{"metadata":{"annotations":{"serving.kserve.io/stop":"false"}},"spec":{"replicas":0,"template":{"spec":{"containers":[{"name":"app","image":"a:1"}]}}}}""";
        var live = expression switch
        {
            ".spec.replicas" => desired.Replace("\"replicas\":0", "\"replicas\":5", StringComparison.Ordinal),
            var e when e.Contains("annotations", StringComparison.Ordinal) => desired.Replace("\"false\"", "\"true\"", StringComparison.Ordinal),
            _ => desired.Replace("a:1", "a:2", StringComparison.Ordinal),
        };
        Assert.Multiple(() =>
        {
            Assert.That(Differs(desired, live), Is.True, "the change is visible without the rule");
            Assert.That(Differs(desired, live, Rule(jq: [expression])), Is.False);
        });
    }

    [Test]
    public void JqSelectOnlyIgnoresTheSelectedContainer()
    {
        const string desired = """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a:1"},{"name":"side","image":"s:1"}]}}}}""";
        var live = desired.Replace("s:1", "s:2", StringComparison.Ordinal);
        Assert.That(Differs(desired, live, Rule(jq: [".spec.template.spec.containers[] | select(.name == \"app\") | .image"])), Is.True);
    }

    [Test]
    public void UnsupportedJqExpressionIsRejectedWithItsText()
    {
        var e = Assert.Throws<FormatException>(() => new DiffNormalizer([Rule(jq: ["to_entries | map(.key)"])]));
        Assert.That(e!.Message, Does.Contain("to_entries"));
    }

    [Test]
    public void ManagedFieldsManagersIgnoreFieldsOwnedByThatManager()
    {
        const string live = """{"metadata":{"managedFields":[{"manager":"hpa-controller","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},"spec":{"replicas":7}}""";
        Assert.That(Differs("""{"spec":{"replicas":1}}""", live, Rule(managers: ["hpa-controller"])), Is.False);
        Assert.That(Differs("""{"spec":{"replicas":1}}""", live, Rule(managers: ["someone-else"])), Is.True);
    }

    [Test]
    public void RuleMatchingUsesGroupKindGlobsAndExactName()
    {
        var rule = new IgnoreDifferenceRule("*", "Deploy*", "web", null, [], [], []);
        Assert.Multiple(() =>
        {
            Assert.That(rule.Matches(DeployKey), Is.True);
            Assert.That(rule.Matches(DeployKey with { Name = "other" }), Is.False);
            Assert.That(new IgnoreDifferenceRule("", "ConfigMap", null, null, [], [], []).Matches(new ResourceKey("apps", "ConfigMap", "", "x")), Is.False, "\"\" is the core group only");
        });
    }

    [Test]
    public void RespectIgnoreDifferencesKeepsLiveValueOfIgnoredFields()
    {
        var n = new DiffNormalizer([Rule(pointers: ["/spec/replicas"], jq: [".spec.template.spec.containers[] | select(.name == \"app\") | .image"])]);
        var desired = Obj.Make("apps/v1", "Deployment", "web", "ns", """{"spec":{"replicas":0,"template":{"spec":{"containers":[{"name":"app","image":"a:1"}]}}}}""");
        var live = Obj.Make("apps/v1", "Deployment", "web", "ns", """{"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"app","image":"a:9"}]}}}}""");
        var overlaid = n.OverlayIgnoredFromLive(desired, DeployKey, live);
        Assert.Multiple(() =>
        {
            Assert.That(Json.Long(overlaid, "spec.replicas"), Is.EqualTo(3));
            Assert.That(Json.Str(overlaid["spec"]!["template"]!["spec"]!["containers"]![0], "image"), Is.EqualTo("a:9"));
        });
    }

    [Test]
    public void SystemWideIgnoreDifferencesFromArgoCdCmAreParsed()
    {
        using var settings = new ArgoCdSettings(new Dictionary<string, string> { ["resource.customizations.ignoreDifferences.apps_Deployment"] = "jsonPointers:\n- /spec/replicas\n" });
        Assert.That(Differs("""{"spec":{"replicas":0}}""", """{"spec":{"replicas":4}}""", [.. settings.IgnoreDifferences]), Is.False);
    }

    /// <summary>gitops-engine pkg/diff/diff.go NormalizeSecret: stringData is compared as the base64 data the API server stores.</summary>
    [TestCase("admin", false)]
    [TestCase("root", true)]
    public void SecretStringDataIsComparedAsTheDataTheApiServerStored(string gitValue, bool expectedOutOfSync)
    {
        var key = new ResourceKey(string.Empty, "Secret", "ns", "creds");
        var n = new DiffNormalizer([]);
        var desired = Obj.Make("v1", "Secret", "creds", "ns", $$$"""{"type":"Opaque","stringData":{"user":"{{{gitValue}}}"}}""");
        var live = Obj.Make("v1", "Secret", "creds", "ns", """{"type":"Opaque","data":{"user":"YWRtaW4="}}"""); // base64("admin")
        Assert.That(ResourceDiff.Differs(n.Normalize(desired, key, live), n.Normalize(live, key, live)), Is.EqualTo(expectedOutOfSync));
    }
}
