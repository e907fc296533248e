using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Support;

/// <summary>A small repository built in a temp directory by a test; deleted on dispose.</summary>
public sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "pv-repo-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a text file (repo-relative path), creating directories.</summary>
    public TempRepo With(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Writes raw bytes.</summary>
    public TempRepo WithBytes(string relativePath, byte[] content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    /// <summary>Creates a symlink at <paramref name="relativePath"/> pointing at <paramref name="target"/> (as given).</summary>
    public TempRepo WithSymlink(string relativePath, string target)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>Writes an executable script (POSIX only; tests using it are skipped elsewhere) and returns its full path.</summary>
    public string WithExecutable(string relativePath, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("shell-script stand-ins for tools need a POSIX system");
        }

        With(relativePath, content);
        var full = Path.Combine(Root, relativePath);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return full;
    }

    public RepoTree Tree() => RepoTree.Open(Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
