namespace PlatformValidation.Validators.Tests.Support;

/// <summary>Finds lines in text independently of the code under test (for asserting file:line).</summary>
public static class TextLines
{
    /// <summary>The 1-based number of the first line containing <paramref name="needle"/> (after <paramref name="afterLine"/>).</summary>
    public static int Of(string text, string needle, int afterLine = 0)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = afterLine; i < lines.Length; i++)
        {
            if (lines[i].Contains(needle, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new AssertionException($"'{needle}' does not occur in the text after line {afterLine}.");
    }

    /// <summary>The 1-based line in the file at <paramref name="path"/>.</summary>
    public static int InFile(string path, string needle, int afterLine = 0) => Of(File.ReadAllText(path), needle, afterLine);
}
