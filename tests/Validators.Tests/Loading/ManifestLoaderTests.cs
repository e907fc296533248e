using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Loading;

public class ManifestLoaderTests
{
    private const string Two = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: a
        ---
        # comment only
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: app
        spec:
          syncPolicy:
            automated:
              prune: true
        """;

    [Test]
    public void MultiDocumentFilesYieldEveryObjectWithItsStartLineAndSkipEmptyDocuments()
    {
        var result = new ManifestLoader().LoadText(Two, "apps/two.yaml");

        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Objects.Select(o => o.Name), Is.EqualTo(new[] { "a", "app" }));
        Assert.That(result.Objects[1].Location, Is.EqualTo(new SourceLocation("apps/two.yaml", 8, 1)));
    }

    [Test]
    public void EveryFieldHasTheLocationOfItsKey()
    {
        var app = new ManifestLoader().LoadText(Two, "apps/two.yaml").Objects[1];

        Assert.That(app.LocationOf("/spec/syncPolicy/automated"), Is.EqualTo(new SourceLocation("apps/two.yaml", 14, 5)));
        Assert.That(app.LocationOf("/spec/syncPolicy/automated/prune"), Is.EqualTo(new SourceLocation("apps/two.yaml", 15, 7)));
    }

    [Test]
    public void MissingFieldsFallBackToTheNearestExistingAncestor()
    {
        var app = new ManifestLoader().LoadText(Two, "apps/two.yaml").Objects[1];

        Assert.That(app.LocationOf("/spec/syncPolicy/retry/limit"), Is.EqualTo(new SourceLocation("apps/two.yaml", 13, 3)));
    }

    [Test]
    public void DeepCloneKeepsNodeLocations()
    {
        var app = new ManifestLoader().LoadText(Two, "apps/two.yaml").Objects[1].DeepClone();

        Assert.That(app.LocationOf("/spec/syncPolicy/automated").Line, Is.EqualTo(14));
    }

    [Test]
    public void KindListExpandsToItsItemsAsKubectlDoes()
    {
        var result = new ManifestLoader().LoadText("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: one}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: two}
            """, "list.yaml");

        Assert.That(result.Objects.Select(o => (o.Name, o.Location.Line)), Is.EqualTo(new[] { ("one", 4), ("two", 7) }));
    }

    [Test]
    public void DuplicateMappingKeysAreAnErrorPointingAtTheSecondKey()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n", "dup.yaml");

        Assert.That(result.Objects, Is.Empty);
        var finding = result.Findings.Single();
        Assert.That(finding.Id, Is.EqualTo("YAML001"));
        Assert.That(finding.Message, Does.Contain("duplicate mapping key \"name\"").And.Contain("line 4"));
        Assert.That(finding.Location, Is.EqualTo(new SourceLocation("dup.yaml", 5, 3)));
    }

    [Test]
    public void ADocumentWithAnErrorDoesNotHideTheOthers()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, name: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n", "f.yaml");

        Assert.That(result.Objects.Single().Name, Is.EqualTo("ok"));
        Assert.That(result.Findings, Has.Count.EqualTo(1));
    }

    [Test]
    public void WellFormedNonObjectsAreSkippedNotErrors()
    {
        var result = new ManifestLoader().LoadText("replicaCount: 2\nimage: nginx\n---\n- a\n- b\n", "values.yaml");

        Assert.That(result.Objects, Is.Empty);
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Skipped.Select(s => s.Location.Line), Is.EqualTo(new[] { 1, 4 }));
    }

    [Test]
    public void JsonFilesLoadAsOneObject()
    {
        var result = new ManifestLoader().LoadText("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"ConfigMap\",\n  \"metadata\": {\"name\": \"j\"}\n}\n", "cm.json");

        Assert.That(result.Objects.Single().Name, Is.EqualTo("j"));
        Assert.That(result.Objects[0].LocationOf("/metadata").Line, Is.EqualTo(4));
    }

    [Test]
    public void Utf8BomIsIgnored()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("apiVersion: v1\nkind: Namespace\nmetadata: {name: bom}\n"u8.ToArray()).ToArray();

        Assert.That(new ManifestLoader().LoadBytes(bytes, "bom.yaml").Objects.Single().Name, Is.EqualTo("bom"));
    }
}
