using System.CommandLine;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>smoke --gpu</c>: the real-GPU smoke against the cluster named by PV_GPU_KUBECONFIG with the key in
/// PV_GPU_API_KEY — sync, scale up, wait for the GPU pod, smoke, and always scale back to zero.
/// </summary>
public static class SmokeCommand
{
    public static Command Create()
    {
        var gpu = new Option<bool>("--gpu") { Description = "Run the smoke on the real GPU cluster (required; the only smoke there is)." };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file (default: the bundled sample)." };
        var maxMinutes = new Option<double?>("--max-minutes") { Description = $"Cost guard: the most minutes the GPU workload may stay up (default ${GpuSmokeSuite.MaxMinutesVariable} or 30)." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report to FILE." };
        var command = new Command("smoke", $"Real-GPU smoke (--gpu): needs {GpuSmokeSuite.KubeconfigVariable} and {GpuSmokeSuite.ApiKeyVariable}; scales the model server up, smokes it and always scales it back to zero.");
        command.Options.Add(gpu);
        command.Options.Add(scenario);
        command.Options.Add(maxMinutes);
        command.Options.Add(junit);
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

            var live = await LiveRun.LoadScenarioAsync(parse.GetValue(scenario), stderr);
            if (live is null)
            {
                return CommandCatalog.CouldNotRun;
            }

            var console = new ConsoleRunReporter(stdout);
            var substrate = new KubeconfigLiveSubstrate(kubeconfig, Environment.GetEnvironmentVariable(GpuSmokeSuite.ArgoNamespaceVariable) ?? "argocd", name: "kubeconfig (GPU)");
            var runner = new ScenarioRunner(live, substrate, console);
            var report = await runner.RunAsync([new SuiteDefinition(SuiteKinds.GpuSmoke, SuiteKinds.GpuSmoke) { MaxMinutesUp = parse.GetValue(maxMinutes) }], token);
            console.Summary(report);
            if (parse.GetValue(junit) is { } file)
            {
                await JUnitRunReportWriter.WriteAsync(report, file, cancellationToken: token);
            }

            return report.Outcome switch { RunOutcome.Passed => CommandCatalog.Passed, RunOutcome.Failed => CommandCatalog.ChecksFailed, _ => CommandCatalog.CouldNotRun };
        });
        return command;
    }
}
