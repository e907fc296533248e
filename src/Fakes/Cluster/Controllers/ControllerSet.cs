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
        if (!core.Options.EnableControllers)
        {
            return;
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
