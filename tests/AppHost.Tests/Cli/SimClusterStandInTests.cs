using PlatformValidation.AppHost.Cli;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary><c>sim-cluster --stand-in IMAGE_PATTERN=KIND</c>: the scenario's <c>substrate.images</c> pair on the command line.</summary>
public sealed class SimClusterStandInTests
{
    [Test]
    public void PatternsMapToStandInKinds()
    {
        var (images, error) = SimClusterStandIns.Parse(["vllm/vllm-openai:*=fake-llm", "busybox:*=generic"]);
        Assert.That(error, Is.Null);
        Assert.That(images, Is.EqualTo(new Dictionary<string, string> { ["vllm/vllm-openai:*"] = "fake-llm", ["busybox:*"] = "generic" }));
    }

    [TestCase("vllm/vllm-openai:*", "must be IMAGE_PATTERN=KIND")]
    [TestCase("vllm/vllm-openai:*=", "must be IMAGE_PATTERN=KIND")]
    [TestCase("vllm/vllm-openai:*=real-gpu", "unknown stand-in 'real-gpu'; use one of fake-llm, generic")]
    public void BadArgumentsSayWhatToWrite(string arg, string message)
    {
        var (_, error) = SimClusterStandIns.Parse([arg]);
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    [NonParallelizable]
    public async Task TheCommandExitsTwoOnABadStandIn()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(await CommandCatalog.InvokeAsync(["sim-cluster", "--stand-in", "nginx"]), Is.EqualTo(CommandCatalog.CouldNotRun));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.That(error.ToString(), Does.Contain("--stand-in 'nginx' must be IMAGE_PATTERN=KIND"));
    }
}
