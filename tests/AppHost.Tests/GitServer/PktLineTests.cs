using PlatformValidation.AppHost.Resources.GitServer;

namespace PlatformValidation.AppHost.Tests.GitServer;

public sealed class PktLineTests
{
    [Test]
    public void LinesFlushesAndDelimitersRoundTrip()
    {
        var body = PktLine.Encode("command=ls-refs\n").Concat(PktLine.Delimiter).Concat(PktLine.Encode("peel\n")).Concat(PktLine.Flush).ToArray();
        Assert.That(System.Text.Encoding.ASCII.GetString(body), Is.EqualTo("0014command=ls-refs\n00010009peel\n0000"));
        Assert.That(PktLine.Parse(body), Is.EqualTo(new string?[] { "command=ls-refs", "\u0001", "peel", null }));
    }

    [TestCase("00")]
    [TestCase("zzzz")]
    [TestCase("0003")]
    [TestCase("0010short")]
    [TestCase("fff1")]
    public void MalformedLengthsAreRejected(string body) =>
        Assert.That(() => PktLine.Parse(System.Text.Encoding.ASCII.GetBytes(body)), Throws.InstanceOf<FormatException>());
}
