using System.CommandLine;
using PlatformValidation.Fakes.ArgoCd.Hosting;

namespace PlatformValidation.AppHost.Cli;

/// <summary>The <c>--argocd</c> and <c>--repo URL=DIR</c> options of <c>sim-cluster</c>: run the simulated Argo CD too.</summary>
public static class SimClusterArgoCd
{
    public static readonly Option<bool> ArgoCdOption = new("--argocd") { Description = "Also install the argoproj.io CRDs and run the simulated Argo CD (Application, ApplicationSet, AppProject controllers)." };

    public static readonly Option<string[]> RepoOption = new("--repo")
    {
        Description = "Serve the local directory DIR (a git repository read at targetRevision, or a plain directory) to Applications whose repoURL is URL; repeatable: --repo URL=DIR.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> CustomizationsOption = new("--argocd-customizations")
    {
        Description = "An argo-cd checkout (or its resource_customizations folder): use its health.lua scripts as the built-in health checks, as that Argo CD version does (default: the project's bundled checks).",
    };

    public static void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ArgoCdOption);
        command.Options.Add(RepoOption);
        command.Options.Add(CustomizationsOption);
    }

    /// <summary>Runs <c>sim-cluster</c>, with the simulated Argo CD when <c>--argocd</c> is given.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var repoArgs = parse.GetValue(RepoOption) ?? [];
        if (!parse.GetValue(ArgoCdOption))
        {
            if (repoArgs.Length > 0 || parse.GetValue(CustomizationsOption) is not null)
            {
                await Console.Error.WriteLineAsync("error: --repo and --argocd-customizations need --argocd (they configure the simulated Argo CD).");
                return CommandCatalog.CouldNotRun;
            }

            return await SimClusterCommand.RunAsync(parse, options => options, ct);
        }

        var repos = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in repoArgs)
        {
            var eq = arg.LastIndexOf('=');
            if (eq <= 0 || eq == arg.Length - 1)
            {
                await Console.Error.WriteLineAsync($"error: --repo '{arg}' must be URL=DIR, e.g. --repo https://github.com/org/platform.git=./platform");
                return CommandCatalog.CouldNotRun;
            }

            var dir = Path.GetFullPath(arg[(eq + 1)..]);
            if (!Directory.Exists(dir))
            {
                await Console.Error.WriteLineAsync($"error: --repo {arg[..eq]}: directory {dir} does not exist; pass a git checkout or a plain directory.");
                return CommandCatalog.CouldNotRun;
            }

            repos[arg[..eq]] = dir;
        }

        var customizations = parse.GetValue(CustomizationsOption);
        if (customizations is not null)
        {
            try
            {
                // Read once here so a wrong folder is reported before the cluster starts.
                using var probe = Fakes.ArgoCd.Health.ResourceCustomizationsDirectory.Load(customizations);
                customizations = probe.Root;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: --argocd-customizations: {e.Message}");
                return CommandCatalog.CouldNotRun;
            }
        }

        SimulatedArgoCd? argo = null;
        try
        {
            return await SimClusterCommand.RunAsync(parse, options => options, ct, async (cluster, token) =>
            {
                argo = await SimulatedArgoCd.StartAsync(cluster.CreateClient(), new ArgoCdOptions { Repositories = repos, ResourceCustomizations = customizations }, token);
                Console.WriteLine("Simulated Argo CD running in namespace argocd (CRDs installed, default AppProject, argocd-cm).");
                if (customizations is not null)
                {
                    Console.WriteLine($"  built-in health scripts from {customizations}");
                }

                foreach (var (url, dir) in repos)
                {
                    Console.WriteLine($"  repo {url} -> {dir}");
                }

                Console.WriteLine("  kubectl apply -f <your Application/AppProject/ApplicationSet manifests>");
                Console.WriteLine("  kubectl get applications -n argocd -w");
            });
        }
        catch (TimeoutException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return CommandCatalog.CouldNotRun;
        }
        finally
        {
            if (argo is not null)
            {
                await argo.DisposeAsync();
            }
        }
    }
}
