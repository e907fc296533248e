using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Patching;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Validators.Patching;

namespace PlatformValidation.Fakes.Cluster.Tests.Patching;

/// <summary>Strategic merge patch (https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md).</summary>
public sealed class StrategicMergePatchTests
{
    private static readonly TypeSchemas Schemas = new();

    private static SchemaNode Deployment => Schemas.Root(BuiltInResources.All.First(t => t.Kind == "Deployment"));

    private static JsonObject Base() => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","finalizers":["a"]},
         "spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},"template":{"spec":{
           "containers":[{"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
                         {"name":"side","image":"busybox"}],
           "volumes":[{"name":"v","emptyDir":{}}]}}}}
        """)!.AsObject();

    [Test]
    public void ContainersMergeByName()
    {
        var result = StrategicMergePatch.Apply(Base(), JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}}"""), Deployment)!;
        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.That(containers, Has.Count.EqualTo(2));
        Assert.That(containers[0]!["image"]!.GetValue<string>(), Is.EqualTo("nginx:2"));
        Assert.That(containers[0]!["env"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public void EnvMergesByNameAndPatchDeleteRemovesAnElement()
    {
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","$patch":"delete"},{"name":"C","value":"3"}]}]}}}}""");
        var env = StrategicMergePatch.Apply(Base(), patch, Deployment)!["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.That(env.Select(e => e!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "A", "C" }));
    }

    [Test]
    public void PatchReplaceDirectiveReplacesTheList()
    {
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}}}""");
        var containers = StrategicMergePatch.Apply(Base(), patch, Deployment)!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.That(containers.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "only" }));
    }

    [Test]
    public void RetainKeysDropsFieldsNotListed()
    {
        var patch = JsonNode.Parse("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");
        var strategy = StrategicMergePatch.Apply(Base(), patch, Deployment)!["spec"]!["strategy"]!.AsObject();
        Assert.That(strategy.Select(p => p.Key), Is.EqualTo(new[] { "type" }));
        Assert.That(strategy["type"]!.GetValue<string>(), Is.EqualTo("Recreate"));
    }

    [Test]
    public void SetElementOrderOrdersTheMergedList()
    {
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"side","image":"busybox:2"}]}}}}""");
        var containers = StrategicMergePatch.Apply(Base(), patch, Deployment)!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.That(containers.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "side", "web" }));
    }

    [Test]
    public void DeleteFromPrimitiveListRemovesValues()
    {
        var patch = JsonNode.Parse("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""");
        var md = StrategicMergePatch.Apply(Base(), patch, Deployment)!["metadata"]!.AsObject();
        Assert.That(md["finalizers"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void NullDeletesAMapKey()
    {
        var result = StrategicMergePatch.Apply(Base(), JsonNode.Parse("""{"spec":{"strategy":{"rollingUpdate":null}}}"""), Deployment)!;
        Assert.That(result["spec"]!["strategy"]!.AsObject().ContainsKey("rollingUpdate"), Is.False);
    }

    [Test]
    public void ElementWithoutMergeKeyIsRejected()
    {
        var error = Assert.Throws<StrategicMergePatchException>(() => StrategicMergePatch.Apply(Base(), JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"""), Deployment));
        Assert.That(error!.Message, Does.Contain("does not contain declared merge key: name"));
        Assert.That(error.Unprocessable, Is.True);
    }
}

/// <summary>RFC 6902 JSON patch and RFC 7386 merge patch.</summary>
public sealed class JsonPatchTests
{
    [Test]
    public void JsonPatchAppliesAddReplaceRemoveMoveCopyAndTest()
    {
        var doc = JsonNode.Parse("""{"a":{"b":[1,2]},"c":"x"}""")!;
        var result = JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"test","path":"/c","value":"x"},{"op":"add","path":"/a/b/-","value":3},{"op":"replace","path":"/c","value":"y"},{"op":"copy","from":"/c","path":"/d"},{"op":"move","from":"/d","path":"/e"},{"op":"remove","path":"/a/b/0"}]"""))!;
        Assert.That(result.ToJsonString(), Is.EqualTo("""{"a":{"b":[2,3]},"c":"y","e":"y"}"""));
    }

    [Test]
    public void FailedTestOperationRejectsThePatch()
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"c":"x"}""")!, JsonNode.Parse("""[{"op":"test","path":"/c","value":"z"}]""")));
        Assert.That(error!.Message, Does.Contain("test failed"));
    }

    [Test]
    public void RemovingAMissingPathIsRejected()
    {
        Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"c":"x"}""")!, JsonNode.Parse("""[{"op":"remove","path":"/nope"}]""")));
    }

    [Test]
    public void MergePatchMergesObjectsReplacesArraysAndNullDeletes()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":{"x":1,"y":2},"l":[1,2],"z":1}"""), JsonNode.Parse("""{"a":{"y":null,"w":3},"l":[9],"z":null}"""))!;
        Assert.That(result.ToJsonString(), Is.EqualTo("""{"a":{"x":1,"w":3},"l":[9]}"""));
    }
}
