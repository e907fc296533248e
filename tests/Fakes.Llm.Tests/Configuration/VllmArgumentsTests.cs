using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;

namespace PlatformValidation.Fakes.Llm.Tests.Configuration;

/// <summary>The vLLM command line, environment and config files become options; bad input is named precisely.</summary>
public sealed class VllmArgumentsTests
{
    [Test]
    public void VllmPodCommandLineAndEnvironmentBecomeOptions()
    {
        string[] args =
        [
            "serve", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "llama", "llama-8b", "--port=8000", "--max-num-seqs", "8",
            "--max-model-len", "16k", "--enable-lora", "--max-loras", "2", "--lora-modules", "sql=/a/sql", """{"name":"chat","path":"/a/chat","base_model_name":"llama"}""",
            "--tensor-parallel-size", "1", "--enforce-eager", "--gpu-memory-utilization", "0.85",
        ];
        var env = new Dictionary<string, string?> { ["VLLM_API_KEY"] = "env-key", ["VLLM_ALLOW_RUNTIME_LORA_UPDATING"] = "True" };

        var result = VllmArguments.Parse(args, env);

        Assert.That(result.Errors, Is.Empty);
        var o = result.Options;
        Assert.Multiple(() =>
        {
            Assert.That(o.Model, Is.EqualTo("meta-llama/Llama-3.1-8B-Instruct"));
            Assert.That(o.ServedModelNames, Is.EqualTo(new[] { "llama", "llama-8b" }));
            Assert.That(o.Port, Is.EqualTo(8000));
            Assert.That(o.MaxNumSeqs, Is.EqualTo(8));
            Assert.That(o.MaxModelLen, Is.EqualTo(16000));
            Assert.That(o.ApiKeys, Is.EqualTo(new[] { "env-key" }));
            Assert.That(o.Lora.Enabled && o.Lora.AllowRuntimeUpdating, Is.True);
            Assert.That(o.Lora.Modules.Select(m => (m.Name, m.Path, m.BaseModelName)), Is.EqualTo(new[] { ("sql", "/a/sql", (string?)null), ("chat", "/a/chat", "llama") }));
            Assert.That(o.KvCache.GpuMemoryUtilization, Is.EqualTo(0.85));
        });
    }

    [Test]
    public void ApiKeyFlagTakesPrecedenceOverTheEnvironment()
    {
        var result = VllmArguments.Parse(["--api-key", "flag-key"], new Dictionary<string, string?> { ["VLLM_API_KEY"] = "env-key" });
        Assert.That(result.Options.ApiKeys, Is.EqualTo(new[] { "flag-key" }));
    }

    [Test]
    public void BadValuesAndUnknownFlagsAreErrorsUnlessLenient()
    {
        var strict = VllmArguments.Parse(["--port", "eighty", "--max-num-seqs", "0", "--frobnicate"]);
        var lenient = VllmArguments.Parse(["--frobnicate"], lenient: true);

        Assert.That(strict.Errors, Has.Some.Contains("--port must be a whole number, got 'eighty'"));
        Assert.That(strict.Errors, Has.Some.Contains("unrecognized argument '--frobnicate'"));
        Assert.That(lenient.Succeeded, Is.True);
        Assert.That(lenient.Warnings, Has.One.Contains("--frobnicate"));
    }

    [Test]
    public void ConfigFileIsAppliedAndFlagsOverrideIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fake-llm-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            model: from-file
            maxNumSeqs: 4
            latency:
              profile: l4-8b
              interTokenLatency: 50ms
            faults:
              errorRate: 0.1
            """);
        try
        {
            var result = VllmArguments.Parse(["--config", path, "--max-num-seqs", "6"]);

            Assert.That(result.Errors, Is.Empty);
            Assert.Multiple(() =>
            {
                Assert.That(result.Options.Model, Is.EqualTo("from-file"));
                Assert.That(result.Options.MaxNumSeqs, Is.EqualTo(6));
                Assert.That(result.Options.Latency.Profile, Is.EqualTo("l4-8b"));
                Assert.That(result.Options.Latency.InterTokenLatency, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
                Assert.That(result.Options.Latency.PrefillPerToken, Is.EqualTo(TimeSpan.FromMilliseconds(0.26)));
                Assert.That(result.Options.Faults.ErrorRate, Is.EqualTo(0.1));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ConfigFileErrorsNameFileLineAndKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fake-llm-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "model: x\nmaxNumSeqs: many\nlatency:\n  profil: h100-8b\n");
        try
        {
            var result = VllmArguments.Parse(["--config", path]);
            Assert.That(result.Errors, Has.Some.StartWith($"{path}:2:").And.Some.Contains("'maxNumSeqs' must be a whole number"));
            Assert.That(result.Errors, Has.Some.StartWith($"{path}:4:").And.Some.Contains("unknown key 'latency.profil'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task ProgramExitsWith2AndAMessageOnBadConfiguration()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await FakeLlmProgram.RunAsync(["--max-model-len", "100000", "--num-gpu-blocks-override", "10", "--api-key", "top-secret", "--port", "0"], output, error);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("KV cache holds 160 tokens").And.Contain("raise num-gpu-blocks"));
        Assert.That(error.ToString() + output, Does.Not.Contain("top-secret"));
    }

    [Test]
    public async Task HelpPrintsTheOptionsAndExits0()
    {
        using var output = new StringWriter();
        var code = await FakeLlmProgram.RunAsync(["--help"], output, TextWriter.Null);
        Assert.That(code, Is.Zero);
        Assert.That(output.ToString(), Does.Contain("--api-key").And.Contain("--config FILE").And.Contain("--latency-profile"));
    }

    [Test]
    public void AdminAndLoraGuardFlagsBecomeOptions()
    {
        var root = Directory.CreateTempSubdirectory("fake-llm-args-").FullName;
        try
        {
            var result = VllmArguments.Parse(
                ["--enable-admin", "--admin-key", "a1", "a2", "--enable-lora", "--max-loras", "2", "--max-cpu-loras", "6", "--lora-root", root],
                new Dictionary<string, string?> { ["FAKE_LLM_ADMIN_KEY"] = "ignored-when-flag-given" });

            Assert.That(result.Errors, Is.Empty);
            Assert.Multiple(() =>
            {
                Assert.That(result.Options.EnableAdmin, Is.True);
                Assert.That(result.Options.AdminKeys, Is.EqualTo(new[] { "a1", "a2" }));
                Assert.That(result.Options.Lora.Capacity, Is.EqualTo(6));
                Assert.That(result.Options.Lora.Root, Is.EqualTo(root));
            });
            Assert.That(VllmArguments.Parse(["--enable-admin"], new Dictionary<string, string?> { ["FAKE_LLM_ADMIN_KEY"] = "env-admin" }).Options.AdminKeys, Is.EqualTo(new[] { "env-admin" }));
            Assert.That(new FakeLlmOptions().EnableAdmin, Is.False, "the admin API is off by default");
            Assert.That(new FakeLlmOptions().Lora.Capacity, Is.EqualTo(1), "vLLM's default --max-loras is 1");
        }
        finally
        {
            Directory.Delete(root);
        }
    }

    [TestCase(new[] { "--admin-key", "k" }, "admin-key is set but the admin API is off: add --enable-admin")]
    [TestCase(new[] { "--enable-lora", "--max-loras", "4", "--max-cpu-loras", "2" }, "max-cpu-loras (2) must be at least max-loras (4)")]
    [TestCase(new[] { "--lora-root", "/no/such/dir/for/fake-llm" }, "lora-root '/no/such/dir/for/fake-llm' is not a directory")]
    public void BadGuardFlagsAreNamed(string[] args, string message)
    {
        var result = VllmArguments.Parse(args);

        Assert.That(result.Errors, Has.Some.Contains(message));
        Assert.That(string.Join(" ", result.Errors), Does.Not.Contain(" k "), "keys never appear in messages");
    }

    [TestCase("[", "]")]
    [TestCase("{\"a\":", "}")]
    public void DeeplyNestedConfigIsRefusedWithoutRecursing(string open, string close)
    {
        // YamlDotNet's representation model recurses per level: 100,000 levels used to overflow the stack (found by tests/Fuzz.Tests).
        var text = "faults: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));

        var error = Assert.Throws<FakeLlmConfigException>(() => ConfigDocument.Parse(text, "request body"));

        Assert.That(error!.Errors, Has.One.StartsWith("request body:1:").And.Contains($"nested deeper than {ConfigDocument.MaxDepth} levels"));
    }

    [TestCase("\"a\\ud800\\ud835\\udd18\"")]
    [TestCase("faults: {errorRate: \"\\ud800\\ud800\"}")]
    public void BrokenSurrogateEscapesAreAConfigErrorNotACrash(string text)
    {
        var error = Assert.Throws<FakeLlmConfigException>(() => ConfigDocument.Parse(text, "request body"));

        Assert.That(error!.Errors, Has.One.StartsWith("request body").And.Contains("not valid YAML/JSON"));
    }
}
