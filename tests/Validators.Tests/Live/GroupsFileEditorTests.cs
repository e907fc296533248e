using PlatformValidation.Validators.Live.Steps;

namespace PlatformValidation.Validators.Tests.Live;

public sealed class GroupsFileEditorTests
{
    private const string Groups = """
        - group: chat
          app: open-webui
          enabled: true
        - group: catalog
          app: model-catalog
          enabled: true
        """;

    [Test]
    public void DisablingSetsTheEnabledFieldOfThatGroupOnly()
    {
        var edited = GroupsFileEditor.Disable(Groups, "catalog", "group", "enabled");
        var entries = GroupsFileEditor.Entries(edited, "group", "enabled");
        Assert.That(entries.Select(e => (e.Name, e.Enabled)), Is.EqualTo(new[] { ("chat", true), ("catalog", false) }));
    }

    [Test]
    public void WithoutAnEnabledFieldDisablingRemovesTheEntry()
    {
        var edited = GroupsFileEditor.Disable(Groups, "chat", "group", null);
        Assert.That(GroupsFileEditor.Entries(edited, "group", null).Select(e => e.Name), Is.EqualTo(new[] { "catalog" }));
    }

    [Test]
    public void EntriesExposeTheirValuesToFindTheGeneratedApps()
    {
        var entry = GroupsFileEditor.Entries(Groups, "group", "enabled")[1];
        Assert.That(entry.Values, Does.Contain("model-catalog"));
    }

    [Test]
    public void AMissingGroupIsAClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => GroupsFileEditor.Disable(Groups, "nope", "group", "enabled"));
        Assert.That(e!.Message, Does.Contain("group: nope"));
    }
}
