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
    [TestCase("matrix", "--git", "dumb")]
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

    [TestCase("matrix", "kubeconfig", "Argo CD reads the real remote")]
    [TestCase("reproduce", "k3s", "k3s always serves the repo over smart HTTP")]
    public async Task GitSmartHttpIsASimOptionAndSaysSoElsewhere(string command, string substrate, string why)
    {
        string[] args = command == "reproduce" ? [command, "--profile", "platform", "--substrate", substrate, "--git", "smart-http"] : [command, "--substrate", substrate, "--git", "smart-http"];
        var result = await CliRunner.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
        Assert.That(result.Stderr, Does.StartWith("error: --git smart-http chooses how the sim substrate's repo-server reads the repo").And.Contain(why).And.Contain("--substrate sim"));
    }

    [Test]
    public void TheBundledSampleIsFoundFromTheRepository() =>
        Assert.That(ScenarioLocator.FindBundled(), Does.EndWith(Path.Combine("scenarios", "sample.yaml")));
}
