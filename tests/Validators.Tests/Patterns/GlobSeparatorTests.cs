using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Tests.Patterns;

/// <summary>
/// The one glob matcher with separators, as gobwas/glob compiles them for Argo CD's util/glob Match (AppProject
/// sourceRepos pass '/'): '*' and '?' stop at a separator, '**' crosses it; braces and classes work either way.
/// </summary>
public class GlobSeparatorTests
{
    [TestCase("https://github.com/org/*", "https://github.com/org/platform", true)]
    [TestCase("https://github.com/org/*", "https://github.com/org/a/b", false)]
    [TestCase("https://github.com/org/**", "https://github.com/org/a/b", true)]
    [TestCase("https://gitlab.com/group/*/*", "https://gitlab.com/group/repo/owner", true)]
    [TestCase("https://github.com/org/repo?", "https://github.com/org/repo/", false)]
    [TestCase("https://github.com/org/{platform,apps}", "https://github.com/org/apps", true)]
    [TestCase("https://github.com/org/{platform,apps}", "https://github.com/org/other", false)]
    [TestCase("https://github.com/{org,team}/*", "https://github.com/team/x", true)]
    public void StarStopsAtTheSeparatorDoubleStarCrossesIt_ArgoCdSourceRepos(string pattern, string text, bool expected) =>
        Assert.That(GlobPattern.Match(pattern, text, "/"), Is.EqualTo(expected));

    [TestCase("team-*", "team-a/b", true)]
    [TestCase("{dev,prod}-*", "prod-eu", true)]
    [TestCase("{dev,prod}-*", "test-eu", false)]
    public void WithoutSeparatorsStarMatchesEverything_ArgoCdDestinations(string pattern, string text, bool expected) =>
        Assert.That(GlobPattern.Match(pattern, text), Is.EqualTo(expected));

    [TestCase("[abc")]
    [TestCase("{a,b")]
    public void AMalformedPatternMatchesNothing_UtilGlobMatch(string pattern) =>
        Assert.That(GlobPattern.Match(pattern, pattern), Is.False);

    [Test]
    public void IgnoreCaseIsForImageReferences() =>
        Assert.Multiple(() =>
        {
            Assert.That(GlobPattern.Match("vllm/vllm-openai:*", "VLLM/vllm-openai:v0.6", ignoreCase: true), Is.True);
            Assert.That(GlobPattern.Match("vllm/vllm-openai:*", "VLLM/vllm-openai:v0.6"), Is.False);
        });
}
