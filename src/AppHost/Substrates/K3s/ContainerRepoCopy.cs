using DotNet.Testcontainers.Containers;

namespace PlatformValidation.AppHost.Substrates.K3s;

/// <summary>
/// Copies a served repository's <c>.git</c> directory into a container as <c>{root}/{name}.git</c>, where the
/// in-cluster git server reads it. Testcontainers' <c>CopyAsync(DirectoryInfo, target)</c> writes the tar entries
/// as <c>target/&lt;path relative to the source&gt;</c>, so the target is the repository directory itself; no shell
/// command is needed (the git server image is FROM scratch). Later copies overwrite refs and add objects, which is
/// all a commit changes. Commands run in a container go through <see cref="ExecCheckedAsync"/>.
/// </summary>
public static class ContainerRepoCopy
{
    public static async Task CopyAsync(IContainer container, string gitDirectory, string root, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!File.Exists(Path.Combine(gitDirectory, "HEAD")))
        {
            throw new InvalidOperationException($"{gitDirectory} is not a git directory (no HEAD).");
        }

        await container.CopyAsync(new DirectoryInfo(gitDirectory), $"{root}/{name}.git", ct: cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> in the container; a non-zero exit code is an error naming the command and its stderr.</summary>
    public static async Task<ExecResult> ExecCheckedAsync(IContainer container, IList<string> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(command);
        var result = await container.ExecAsync(command, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', command)}` in container {container.Name} exited with {result.ExitCode}: {result.Stderr.Trim()}");
        }

        return result;
    }
}
