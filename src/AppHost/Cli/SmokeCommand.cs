using System.CommandLine;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Substrates.Gpu;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>smoke --gpu</c>: the real-GPU smoke against the cluster named by PV_GPU_KUBECONFIG with the key in
/// PV_GPU_API_KEY — sync, scale up, wait for the GPU pod, smoke, and always scale back to zero. It runs through the
/// AppHost (<see cref="GpuSmokeSystem"/>: the GPU cluster, its Argo CD and the runner appear on the dashboard), with
/// the same start, Ctrl-C and report handling as <c>matrix</c>.
/// </summary>
public static class SmokeCommand
{
    public static Command Create()
    {
        var gpu = new Option<bool>("--gpu") { Description = "Run the smoke on the real GPU cluster (required; the only smoke there is)." };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file (default: the bundled sample)." };
        var maxMinutes = new Option<double?>("--max-minutes") { Description = $"Cost guard: the most minutes the GPU workload may stay up (default ${GpuSmokeSuite.MaxMinutesVariable} or 30)." };
        var live = new LiveOptions();
        var command = new Command("smoke", $"Real-GPU smoke (--gpu): needs {GpuSmokeSuite.KubeconfigVariable} and {GpuSmokeSuite.ApiKeyVariable}; scales the model server up, smokes it and always scales it back to zero.");
        command.Options.Add(gpu);
        command.Options.Add(scenario);
        command.Options.Add(maxMinutes);
        command.Options.Add(live.JUnit);
        command.Options.Add(live.Json);
        command.Options.Add(live.Html);
        command.Options.Add(live.DashboardPort);
        command.Options.Add(live.Dashboard);
        live.Dashboard.AcceptOnlyFromAmong("auto", "on", "off");
        command.SetAction(async (parse, token) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (!parse.GetValue(gpu))
            {
                await stderr.WriteLineAsync("error: smoke needs --gpu (the profile smokes run inside `matrix`).");
                return CommandCatalog.CouldNotRun;
            }

            var kubeconfig = Environment.GetEnvironmentVariable(GpuSmokeSuite.KubeconfigVariable);
            if (string.IsNullOrEmpty(kubeconfig) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(GpuSmokeSuite.ApiKeyVariable)))
            {
                await stderr.WriteLineAsync($"skipped: no GPU cluster given; set {GpuSmokeSuite.KubeconfigVariable} (kubeconfig of the L4 cluster) and {GpuSmokeSuite.ApiKeyVariable} (the model server's API key).");
                return CommandCatalog.CouldNotRun;
            }

            var argoCdNamespace = Environment.GetEnvironmentVariable(GpuSmokeSuite.ArgoNamespaceVariable) is { Length: > 0 } ns ? ns : "argocd";
            var invocation = new LiveInvocation(parse.GetValue(scenario), SubstrateKind.Kubeconfig, kubeconfig, null, null, false, parse.GetValue(live.JUnit), parse.GetValue(live.Json), parse.GetValue(live.Html), parse.GetValue(live.DashboardPort))
            {
                AspireDashboard = live.ReadDashboard(parse),
            };
            var suite = new SuiteDefinition(SuiteKinds.GpuSmoke, SuiteKinds.GpuSmoke) { MaxMinutesUp = parse.GetValue(maxMinutes) };
            return await LiveRun.RunAsync(invocation, _ => [suite], stdout, stderr, token, options => GpuSmokeSystem.Compose(options, kubeconfig, argoCdNamespace));
        });
        return command;
    }
}
