using PlatformValidation.AppHost.Cli;

namespace PlatformValidation.AppHost.Tests.Cli;

[NonParallelizable]
public sealed class LiveCommandArgumentTests
{
    [TestCase("matrix", "--substrate", "moon")]
    [TestCase("matrix", "--scenario", "/nonexistent/scenario.yaml")]
    [TestCase("run")]
    [TestCase("run", "no-such-suite")]
    [TestCase("reproduce")]
    [TestCase("reproduce", "--profile", "nope")]
    [TestCase("smoke")]
    [TestCase("matrix", "--bogus")]
    public async Task BadArgumentsExitTwoWithAMessage(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await CommandCatalog.InvokeAsync(args);
            Assert.That(code, Is.EqualTo(CommandCatalog.CouldNotRun));
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [TestCase("matrix")]
    [TestCase("run")]
    [TestCase("reproduce")]
    [TestCase("smoke")]
    public async Task EveryLiveCommandHasHelp(string command)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.That(await CommandCatalog.InvokeAsync([command, "--help"]), Is.Zero);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.That(output.ToString(), Does.Contain("--scenario"));
    }

    [Test]
    public void TheBundledSampleIsFoundFromTheRepository() =>
        Assert.That(ScenarioLocator.FindBundled(), Does.EndWith(Path.Combine("scenarios", "sample.yaml")));
}
