using System.CommandLine;
using PlatformValidation.Fakes.Cluster.Hosting;

namespace PlatformValidation.AppHost.Cli;

/// <summary><c>sim-cluster</c>: runs an empty simulated Kubernetes cluster in the foreground until Ctrl-C.</summary>
public static class SimClusterCommand
{
    public static readonly Option<string?> KubeconfigOption = new("--kubeconfig") { Description = "Where to write the kubeconfig (default: a new temporary file)." };

    public static readonly Option<int> PortOption = new("--port") { Description = "Port on 127.0.0.1 (0 = a free port).", DefaultValueFactory = _ => 0 };

    public static readonly Option<int> GpuNodesOption = new("--gpu-nodes") { Description = "Extra nodes advertising nvidia.com/gpu with the L4 substrate's labels and taint.", DefaultValueFactory = _ => 0 };

    public static readonly Option<double> PodStartDelayOption = new("--pod-start-delay") { Description = "Seconds a pod takes to become Ready.", DefaultValueFactory = _ => 1.0 };

    public static Command Create()
    {
        var command = new Command("sim-cluster", "Run a simulated Kubernetes API server with workload controllers on 127.0.0.1 until Ctrl-C; use it with kubectl.");
        command.Options.Add(KubeconfigOption);
        command.Options.Add(PortOption);
        command.Options.Add(GpuNodesOption);
        command.Options.Add(PodStartDelayOption);
        command.Options.Add(SimClusterStandIns.StandInOption);
        SimClusterArgoCd.AddTo(command);
        command.SetAction((parse, ct) => SimClusterArgoCd.RunAsync(parse, ct));
        return command;
    }

    /// <summary>Validates the shared options, starts the cluster (with <paramref name="configure"/> applied), prints how to use it and waits for Ctrl-C.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<SimulatedClusterOptions, SimulatedClusterOptions> configure, CancellationToken ct, Func<SimulatedCluster, CancellationToken, Task>? afterStart = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(configure);
        var port = parse.GetValue(PortOption);
        var gpuNodes = parse.GetValue(GpuNodesOption);
        var delay = parse.GetValue(PodStartDelayOption);
        var kubeconfig = parse.GetValue(KubeconfigOption);
        if (port is < 0 or > 65535)
        {
            await Console.Error.WriteLineAsync($"error: --port {port} is out of range; use 0 for a free port or 1-65535.");
            return CommandCatalog.CouldNotRun;
        }

        if (gpuNodes < 0)
        {
            await Console.Error.WriteLineAsync($"error: --gpu-nodes {gpuNodes} cannot be negative.");
            return CommandCatalog.CouldNotRun;
        }

        if (delay < 0 || double.IsNaN(delay))
        {
            await Console.Error.WriteLineAsync($"error: --pod-start-delay {delay} cannot be negative.");
            return CommandCatalog.CouldNotRun;
        }

        var (standIns, standInError) = SimClusterStandIns.Parse(parse.GetValue(SimClusterStandIns.StandInOption) ?? []);
        if (standInError is not null)
        {
            await Console.Error.WriteLineAsync("error: " + standInError);
            return CommandCatalog.CouldNotRun;
        }

        var options = configure(new SimulatedClusterOptions
        {
            StandInImages = standIns,
            Port = port,
            GpuNodes = gpuNodes,
            KubeconfigPath = kubeconfig is null ? null : Path.GetFullPath(kubeconfig),
            PodStartDelay = TimeSpan.FromSeconds(delay),
            Log = line => Console.Error.WriteLine("[sim-cluster] " + line),
        });
        SimulatedCluster cluster;
        try
        {
            cluster = await SimulatedCluster.StartAsync(options, ct);
        }
        catch (SimulatedClusterException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return CommandCatalog.CouldNotRun;
        }

        await using (cluster)
        {
            Console.WriteLine($"Simulated cluster listening on {cluster.Uri}");
            Console.WriteLine($"Kubeconfig: {cluster.KubeconfigPath}");
            Console.WriteLine();
            Console.WriteLine("Try:");
            Console.WriteLine($"  export KUBECONFIG={cluster.KubeconfigPath}");
            Console.WriteLine("  kubectl get nodes");
            Console.WriteLine("  kubectl create deployment web --image=nginx:1.27 && kubectl rollout status deployment/web");
            Console.WriteLine();
            Console.WriteLine("Press Ctrl-C to stop.");
            if (afterStart is not null)
            {
                await afterStart(cluster, ct);
            }

            var done = new TaskCompletionSource();
            using var registration = ct.Register(() => done.TrySetResult());
            ConsoleCancelEventHandler handler = (_, e) =>
            {
                e.Cancel = true;
                done.TrySetResult();
            };
            Console.CancelKeyPress += handler;
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                done.TrySetResult();
            });
            try
            {
                await done.Task;
            }
            finally
            {
                Console.CancelKeyPress -= handler;
            }

            Console.WriteLine("Stopping the simulated cluster.");
        }

        return CommandCatalog.Passed;
    }
}
