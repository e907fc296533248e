using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Lifecycle;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>Every controller of the simulated cluster, started and stopped together.</summary>
public sealed class ControllerSet : IAsyncDisposable
{
    private readonly List<Controller> controllers = [];

    public ControllerSet(ClusterCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        controllers.Add(new CrdController(core));
        controllers.Add(new NamespaceController(core));
        controllers.Add(new GarbageCollector(core));
        controllers.Add(new ServiceAccountController(core));
        if (!core.Options.EnableControllers)
        {
            return;
        }

        controllers.Add(new Scheduler(core));
        controllers.Add(new Kubelet(core));
        controllers.Add(new ReplicaSetController(core));
        controllers.Add(new DeploymentController(core));
        controllers.Add(new EndpointsController(core));
        controllers.Add(new LoadBalancerController(core));
        controllers.Add(new PersistentVolumeController(core));
        controllers.Add(new StatefulSetController(core));
        controllers.Add(new DaemonSetController(core));
        controllers.Add(new JobController(core));
        controllers.Add(new CronJobController(core));
        if (core.Options.Operators is { } knowledge)
        {
            controllers.Add(new Operators.OperatorStandIns(core, knowledge));
            controllers.Add(new Operators.GatewayApiController(core));
        }
    }

    public void Start()
    {
        foreach (var c in controllers)
        {
            c.Start();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in controllers)
        {
            await c.DisposeAsync();
        }
    }
}
