using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Api;

/// <summary>
/// Runtime LoRA loads: vLLM's not-found answer (404 "Loading lora NAME failed: No adapter found for PATH",
/// LoRAAdapterNotFoundError in vllm/exceptions.py), plus the fake's guards — paths confined to --lora-root (or, without
/// one, no '..'), and at most --max-cpu-loras adapters (default --max-loras, vLLM's default 1).
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class LoraGuardTests
{
    private string root = null!;

    [SetUp]
    public void CreateRoot()
    {
        root = Directory.CreateTempSubdirectory("fake-llm-lora-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "adapters", "sql"));
    }

    [TearDown]
    public void RemoveRoot() => Directory.Delete(root, recursive: true);

    [TestCase("../../x")]
    [TestCase("/adapters/../../etc")]
    [TestCase("adapters\\..\\..\\x")]
    public async Task WithoutARootClimbingPathsAre400(string path)
    {
        await using var server = await StartAsync(new LoraOptions { MaxLoras = 4 });
        using var http = LlmClient.Create(server.Uri);

        var (status, body, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("evil", path));
        var (plain, _, plainText) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("ok", "/adapters/ok"));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("InvalidUserInput"));
            Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.StartWith($"The lora path '{path}' climbs out"));
            Assert.That(plain, Is.EqualTo(200), "a plain label path still loads (nothing is read without --lora-root)");
            Assert.That(plainText, Is.EqualTo("Success: LoRA adapter 'ok' added successfully."));
        });
    }

    [Test]
    public async Task ControlCharactersAndOverlongPathsAre400()
    {
        await using var server = await StartAsync(new LoraOptions { MaxLoras = 4 });
        using var http = LlmClient.Create(server.Uri);

        var (control, controlBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", """{"lora_name":"a","lora_path":"/x\u0000y"}""");
        var (longPath, longBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("b", "/" + new string('p', LoraOptions.MaxPathLength)));

        Assert.Multiple(() =>
        {
            Assert.That(control, Is.EqualTo(400));
            Assert.That(controlBody!["error"]!["message"]!.GetValue<string>(), Does.Contain("control characters"));
            Assert.That(longPath, Is.EqualTo(400));
            Assert.That(longBody!["error"]!["message"]!.GetValue<string>(), Does.Contain($"at most {LoraOptions.MaxPathLength} characters"));
        });
    }

    [Test]
    public async Task WithARootPathsMustResolveInsideAndExist()
    {
        await using var server = await StartAsync(new LoraOptions { MaxLoras = 4, Root = root });
        using var http = LlmClient.Create(server.Uri);

        var (relative, _, relativeText) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("sql", "adapters/sql"));
        var (absolute, _, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("sql-abs", Path.Combine(root, "adapters", "sql")));
        var (climb, climbBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("up", "../../etc"));
        var (outside, _, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("tmp", Path.GetTempPath()));
        var (missing, missingBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("nope", "adapters/nope"));

        Assert.Multiple(() =>
        {
            Assert.That(relative, Is.EqualTo(200));
            Assert.That(relativeText, Is.EqualTo("Success: LoRA adapter 'sql' added successfully."));
            Assert.That(absolute, Is.EqualTo(200));
            Assert.That(climb, Is.EqualTo(400));
            Assert.That(climbBody!["error"]!["message"]!.GetValue<string>(), Is.EqualTo("The lora path '../../etc' is outside the server's LoRA root (--lora-root): give a path inside it."));
            Assert.That(outside, Is.EqualTo(400));
            Assert.That(missing, Is.EqualTo(404));
            Assert.That(missingBody!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("NotFoundError"));
            Assert.That(missingBody["error"]!["message"]!.GetValue<string>(), Is.EqualTo("Loading lora nope failed: No adapter found for adapters/nope"));
        });
    }

    [Test]
    public async Task ASymlinkOutOfTheRootIsRefused()
    {
        var outsideDir = Directory.CreateTempSubdirectory("fake-llm-outside-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(root, "adapters", "escape"), outsideDir);
            await using var server = await StartAsync(new LoraOptions { MaxLoras = 4, Root = root });
            using var http = LlmClient.Create(server.Uri);

            var (status, body, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("escape", "adapters/escape"));

            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["error"]!["message"]!.GetValue<string>(), Does.Contain("outside the server's LoRA root"));
        }
        finally
        {
            Directory.Delete(outsideDir, recursive: true);
        }
    }

    [Test]
    public async Task AdapterCountIsCappedByMaxCpuLorasAndDefaultsToVllmsMaxLoras()
    {
        await using var server = await StartAsync(new LoraOptions { Modules = [new LoraModule("static", "/adapters/static")] });
        using var http = LlmClient.Create(server.Uri);

        var (full, fullBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("second", "/adapters/second"));
        var (inplace, _, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", """{"lora_name":"static","lora_path":"/adapters/static-v2","load_inplace":true}""");
        var (unload, _, _) = await LlmClient.PostAsync(http, "v1/unload_lora_adapter", """{"lora_name":"static"}""");
        var (afterUnload, _, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", Load("second", "/adapters/second"));

        Assert.Multiple(() =>
        {
            Assert.That(server.Engine.Lora.Capacity, Is.EqualTo(1), "vLLM's default --max-loras is 1 and --max-cpu-loras defaults to it");
            Assert.That(full, Is.EqualTo(400));
            Assert.That(fullBody!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("InvalidUserInput"));
            Assert.That(fullBody["error"]!["message"]!.GetValue<string>(), Is.EqualTo(
                "Cannot load the lora adapter 'second': 1 adapters are loaded and this server holds at most 1 (--max-cpu-loras, default --max-loras). Unload one with /v1/unload_lora_adapter first."));
            Assert.That(inplace, Is.EqualTo(200), "replacing an adapter in place does not need room");
            Assert.That(unload, Is.EqualTo(200));
            Assert.That(afterUnload, Is.EqualTo(200));
        });
    }

    private static string Load(string name, string path) =>
        $$"""{"lora_name":"{{name}}","lora_path":"{{path.Replace("\\", "\\\\", StringComparison.Ordinal)}}"}""";

    private static Task<FakeLlmServer> StartAsync(LoraOptions lora) =>
        FakeLlmServer.StartAsync(new FakeLlmOptions { AccessLog = false, Lora = lora with { Enabled = true, AllowRuntimeUpdating = true } });
}
