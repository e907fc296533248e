using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Clients;

/// <summary>The official JavaScript <c>openai</c> package (pinned in js/package.json), run by the machine's node, streams a chat.</summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class OpenAiJavaScriptClientTests
{
    [Test]
    public async Task JavaScriptSdkStreamsAChatWithUsage()
    {
        var js = await ExternalTools.NpmPackagesAsync();
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], ApiKeys = ["js-key"] });

        var (code, stdout, stderr) = await ExternalTools.RunAsync(
            "node",
            ["stream-chat.mjs"],
            js,
            environment: new Dictionary<string, string> { ["BASE_URL"] = new Uri(server.Uri, "v1").ToString(), ["API_KEY"] = "js-key", ["MODEL"] = "llama" });

        Assert.That(code, Is.Zero, stderr);
        var result = JsonNode.Parse(stdout)!;
        Assert.Multiple(() =>
        {
            Assert.That(result["content"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(result["chunks"]!.GetValue<int>(), Is.EqualTo(14), "role chunk + 12 tokens + usage chunk");
            Assert.That(result["finishReason"]!.GetValue<string>(), Is.EqualTo("length"));
            Assert.That(result["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(12));
        });
    }
}
