using System.Runtime.InteropServices;

namespace PlatformValidation.Validators.Git;

/// <summary>
/// Hard links for writing out a revision cheaply: a file whose content git already knows to be identical is linked
/// instead of written (no data copied; ~6× faster than writing 2,500 small files). Only regular files are linked,
/// never a symbolic link, so a written-out tree can still never point outside itself. Everything that renders from
/// such a tree only reads it (kustomize and Helm work on copies).
/// </summary>
internal static partial class HardLink
{
    /// <summary>Links <paramref name="target"/> to <paramref name="source"/>; false (nothing created) when the platform,
    /// the file system (another device) or the source (not a regular file) does not allow it.</summary>
    public static bool TryCreate(string source, string target)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        try
        {
            var info = new FileInfo(source);
            if (!info.Exists || info.LinkTarget is not null || (info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                return false;
            }

            return Link(source, target) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string created);
}
