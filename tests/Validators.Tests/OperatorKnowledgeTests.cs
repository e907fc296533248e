using System.Text.Json.Nodes;
using PlatformValidation.Validators.Knowledge;

namespace PlatformValidation.Validators.Tests;

public class OperatorKnowledgeTests
{
    [Test]
    public void ExternalSecretCreatesItsTargetSecretOrOneNamedAfterItself()
    {
        var named = JsonNode.Parse("""{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"es","namespace":"ns"},"spec":{"target":{"name":"db-creds"}}}""")!.AsObject();
        var unnamed = JsonNode.Parse("""{"apiVersion":"external-secrets.io/v1beta1","kind":"ExternalSecret","metadata":{"name":"es","namespace":"ns"},"spec":{}}""")!.AsObject();

        Assert.That(OperatorKnowledge.Default.ObjectsCreatedBy(named), Is.EqualTo(new[] { new CreatedObject("v1", "Secret", "db-creds", "ns") }));
        Assert.That(OperatorKnowledge.Default.ObjectsCreatedBy(unnamed), Is.EqualTo(new[] { new CreatedObject("v1", "Secret", "es", "ns") }));
    }

    [Test]
    public void CloudNativePgClusterCreatesSuperuserSecretOnlyWhenSuperuserAccessIsEnabled()
    {
        var plain = JsonNode.Parse("""{"apiVersion":"postgresql.cnpg.io/v1","kind":"Cluster","metadata":{"name":"pg","namespace":"db"},"spec":{}}""")!.AsObject();
        var withSuperuser = JsonNode.Parse("""{"apiVersion":"postgresql.cnpg.io/v1","kind":"Cluster","metadata":{"name":"pg","namespace":"db"},"spec":{"enableSuperuserAccess":true}}""")!.AsObject();

        var plainSecrets = OperatorKnowledge.Default.ObjectsCreatedBy(plain).Where(o => o.Kind == "Secret").Select(o => o.Name);
        var superSecrets = OperatorKnowledge.Default.ObjectsCreatedBy(withSuperuser).Where(o => o.Kind == "Secret").Select(o => o.Name);

        Assert.That(plainSecrets, Is.EquivalentTo(new[] { "pg-app" }));
        Assert.That(superSecrets, Is.EquivalentTo(new[] { "pg-app", "pg-superuser" }));
    }

    [Test]
    public void UnknownKindsCreateNothing()
    {
        var cm = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""")!.AsObject();
        Assert.That(OperatorKnowledge.Default.ObjectsCreatedBy(cm), Is.Empty);
    }
}
