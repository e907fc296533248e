namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>A part of the running system (cluster, Argo CD, git server, …): a name and its annotations.</summary>
public interface IResource
{
    string Name { get; }

    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>A resource the orchestrator starts and stops.</summary>
public interface IResourceWithLifecycle : IResource
{
    /// <summary>Starts the resource; returns when it has been launched (health is awaited separately).</summary>
    Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default);

    /// <summary>Stops the resource and releases everything it holds (processes, containers, ports, temp dirs).</summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}

/// <summary>A resource that exposes a kubeconfig (a cluster).</summary>
public interface IResourceWithKubeconfig : IResource
{
    string KubeconfigPath { get; }
}
