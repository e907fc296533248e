using System.Text.Json.Nodes;
using PlatformValidation.Validators.Patching;

namespace PlatformValidation.Validators.Tests.Patching;

/// <summary>
/// The engine's strategic merge patch without type information (Argo CD's templatePatch over the Application type):
/// maps merge, lists replace, directives are honoured, malformed directives are upstream's errors.
/// </summary>
public sealed class StrategicMergePatchTests
{
    private static JsonObject App() => JsonNode.Parse("""{"metadata":{"name":"a","labels":{"x":"1"}},"spec":{"sources":[{"repoURL":"r1"},{"repoURL":"r2"}],"syncPolicy":{"automated":{"prune":true}}}}""")!.AsObject();

    private static JsonObject Apply(string patch) => StrategicMergePatch.Apply(App(), JsonNode.Parse(patch), StrategicMergeSchema.NoStrategy);

    [Test]
    public void MapsMergeListsReplaceNullDeletes()
    {
        var result = Apply("""{"metadata":{"labels":{"y":"2","x":null}},"spec":{"sources":[{"repoURL":"r3","$retainKeys":["repoURL"]}]}}""");

        Assert.That(result["metadata"]!["labels"]!.ToJsonString(), Is.EqualTo("""{"y":"2"}"""));
        Assert.That(result["spec"]!["sources"]!.ToJsonString(), Is.EqualTo("""[{"repoURL":"r3"}]"""), "a list without merge strategy is replaced, directives removed");
        Assert.That(result["spec"]!["syncPolicy"]!["automated"]!["prune"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void ReplaceAndDeleteDirectivesInMaps()
    {
        var result = Apply("""{"spec":{"syncPolicy":{"$patch":"replace","syncOptions":["A=true"]}},"metadata":{"labels":{"$patch":"delete"}}}""");

        Assert.That(result["spec"]!["syncPolicy"]!.ToJsonString(), Is.EqualTo("""{"syncOptions":["A=true"]}"""));
        Assert.That(result["metadata"]!.AsObject().ContainsKey("labels"), Is.False);
    }

    [TestCase("""{"spec":{"$patch":5}}""", "unknown patch type: 5 in map: map[$patch:5]")]
    [TestCase("""{"spec":{"$patch":"merge"}}""", "unknown patch type: merge in map: map[$patch:merge]")]
    [TestCase("""{"spec":{"$retainKeys":"sources"}}""", "invalid patch format of retainKeys")]
    [TestCase("""{"spec":{"$retainKeys":["sources"],"syncPolicy":{}}}""", "invalid patch format of retainKeys")]
    [TestCase("""{"spec":{"$setElementOrder/sources":{"a":1}}}""", "invalid patch format of setElementOrder list")]
    public void MalformedDirectivesAreUpstreamErrors(string patch, string message)
    {
        var error = Assert.Throws<StrategicMergePatchException>(() => Apply(patch));

        Assert.That(error!.Message, Is.EqualTo(message));
        Assert.That(error.Unprocessable, Is.False);
    }

    [Test]
    public void APatchThatIsNotAMapIsRefused() =>
        Assert.Throws<StrategicMergePatchException>(() => StrategicMergePatch.Apply(App(), JsonNode.Parse("[1]"), StrategicMergeSchema.NoStrategy));
}
