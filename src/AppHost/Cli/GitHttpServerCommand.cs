using System.CommandLine;
using System.Net;
using PlatformValidation.AppHost.Resources.GitServer;

namespace PlatformValidation.AppHost.Cli;

/// <summary><c>git-http-server</c>: serves every <c>NAME.git</c> directory under a root over git's smart HTTP protocol (the k3s substrate's in-cluster git server).</summary>
public static class GitHttpServerCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "Directory holding NAME.git repositories.", Required = true };
        var port = new Option<int>("--port") { Description = "Port to listen on (all interfaces, for use inside a container).", DefaultValueFactory = _ => 8080 };
        var command = new Command("git-http-server", "Serve git repositories read-only over git's smart HTTP protocol (used inside the k3s substrate).") { Hidden = true };
        command.Options.Add(root);
        command.Options.Add(port);
        command.SetAction(async (parse, token) =>
        {
            var dir = parse.GetValue(root)!;
            try
            {
                // Repositories are copied in after the server starts (k3s: onto the node's hostPath), so an absent root is created.
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: --root {dir} does not exist and cannot be created ({e.Message}).");
                return CommandCatalog.CouldNotRun;
            }

            // Repositories are looked up at request time, so a repo copied in later is served too.
            var repos = new LiveDirectory(dir);
            await using var server = await SmartGitHttpServer.StartAsync(repos, IPAddress.Any, parse.GetValue(port), token);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"serving {dir} on {server.Url}");
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop serving.
            }

            return CommandCatalog.Passed;
        });
        return command;
    }

    /// <summary>NAME → ROOT/NAME.git, read from the directory on every lookup.</summary>
    private sealed class LiveDirectory(string root) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => Directory.GetDirectories(root, "*.git").Select(d => Path.GetFileName(d)[..^4]);

        public IEnumerable<string> Values => Keys.Select(k => this[k]);

        public int Count => Keys.Count();

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out string value)
        {
            value = Path.Combine(root, key + ".git");
            return !key.Contains('/', StringComparison.Ordinal) && !key.Contains("..", StringComparison.Ordinal) && Directory.Exists(value);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Keys.Select(k => KeyValuePair.Create(k, this[k])).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
