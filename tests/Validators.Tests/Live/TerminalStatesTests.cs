using System.Text.Json.Nodes;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Steps;

namespace PlatformValidation.Validators.Tests.Live;

public class TerminalStatesTests
{
    private static AppState App(bool automated, string? phase, string? message, bool pending = false)
    {
        var app = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["syncPolicy"] = automated ? new JsonObject { ["automated"] = new JsonObject() } : new JsonObject() },
            ["status"] = new JsonObject
            {
                ["sync"] = new JsonObject { ["status"] = "OutOfSync" },
                ["health"] = new JsonObject { ["status"] = "Missing" },
                ["operationState"] = phase is null ? null : new JsonObject { ["phase"] = phase, ["message"] = message },
            },
        };
        if (pending)
        {
            app["operation"] = new JsonObject { ["sync"] = new JsonObject() };
        }

        return AppState.From(app);
    }

    [Test]
    public void AFailedSyncOfAnAutomatedAppIsTerminalWithArgoCdsMessage()
    {
        var cause = TerminalStates.FailedOperation(App(true, "Failed", "one or more objects failed to apply (retried 5 times)."));

        Assert.That(cause, Does.Contain("does not retry a failed revision").And.Contain("(retried 5 times)"));
    }

    [TestCase(true, "Running", false, TestName = "A sync Argo CD is still retrying is not terminal")]
    [TestCase(false, "Failed", false, TestName = "A failed manual sync is not terminal (someone may sync again)")]
    [TestCase(true, "Failed", true, TestName = "A failed sync with a new operation requested is not terminal")]
    [TestCase(true, "Succeeded", false, TestName = "A succeeded sync is not terminal")]
    public void NotTerminal(bool automated, string phase, bool pending)
    {
        Assert.That(TerminalStates.FailedOperation(App(automated, phase, "Retrying attempt #1", pending)), Is.Null);
    }
}
