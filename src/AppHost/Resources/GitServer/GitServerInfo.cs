using System.Text;
using LibGit2Sharp;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// What <c>git update-server-info</c> writes so that a repository can be cloned over git's dumb HTTP protocol from
/// plain files: <c>info/refs</c> (every ref and its object, tags peeled) and <c>objects/info/packs</c>.
/// </summary>
public static class GitServerInfo
{
    public static void Update(string gitDirectory)
    {
        using var repo = new Repository(gitDirectory);
        var refs = new StringBuilder();
        foreach (var reference in repo.Refs.Where(r => r.CanonicalName.StartsWith("refs/", StringComparison.Ordinal)).OrderBy(r => r.CanonicalName, StringComparer.Ordinal))
        {
            var direct = reference.ResolveToDirectReference();
            if (direct?.Target is null)
            {
                continue;
            }

            refs.Append(direct.Target.Sha).Append('\t').Append(reference.CanonicalName).Append('\n');
            if (direct.Target is TagAnnotation tag)
            {
                refs.Append(tag.Target.Sha).Append('\t').Append(reference.CanonicalName).Append("^{}\n");
            }
        }

        Directory.CreateDirectory(Path.Combine(gitDirectory, "info"));
        File.WriteAllText(Path.Combine(gitDirectory, "info", "refs"), refs.ToString());
        var packDir = Path.Combine(gitDirectory, "objects", "pack");
        var packs = Directory.Exists(packDir)
            ? Directory.GetFiles(packDir, "*.pack").Select(p => "P " + Path.GetFileName(p)).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        Directory.CreateDirectory(Path.Combine(gitDirectory, "objects", "info"));
        File.WriteAllText(Path.Combine(gitDirectory, "objects", "info", "packs"), string.Concat(packs.Select(p => p + "\n")) + "\n");
    }
}
