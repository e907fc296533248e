using PlatformValidation.AppHost.Resources.Lifecycle;

namespace PlatformValidation.AppHost.Resources.FakeLlm;

/// <summary>
/// The simulated vLLM endpoint as the stand-in for the model server image. On sim the cluster backs every pod of
/// <see cref="Image"/> with an in-process endpoint; on k3s the image is built from the self-contained publish and
/// loaded into the cluster (<see cref="Load"/>).
/// </summary>
public sealed class FakeLlmResource : HarnessResource
{
    public FakeLlmResource(string name, string image)
        : base(name)
    {
        Image = image;
    }

    /// <summary>The stand-in image the Applications' overrides point at.</summary>
    public string Image { get; }

    /// <summary>The stand-in kind a scenario's <c>substrate.images[].replaceWith</c> names.</summary>
    public const string StandInKind = "fake-llm";

    /// <summary>How the image reaches the cluster (null: the cluster backs it in-process).</summary>
    public Func<ResourceStartContext, CancellationToken, Task>? Load { get; set; }

    public bool Ready { get; private set; }

    /// <summary>Where the model server's <c>/metrics</c> can be read once the AppHost runs (null: not linked).</summary>
    public Func<Uri?>? MetricsLink { get; set; }

    /// <summary>The display text of the <c>/metrics</c> link on the Aspire Dashboard.</summary>
    public const string MetricsDisplayText = "fake LLM /metrics";

    public override async Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        if (Load is not null)
        {
            await Load(context, cancellationToken);
        }

        if (MetricsLink?.Invoke() is { } metrics && !Annotations.OfType<ResourceUrlAnnotation>().Any(a => a.DisplayText == MetricsDisplayText))
        {
            // WithUrl once the address is known: the lifecycle publishes it with the resource's state (Running).
            Annotations.Add(new ResourceUrlAnnotation { Url = metrics.ToString(), DisplayText = MetricsDisplayText });
        }

        Ready = true;
        Log.Write(Load is null ? $"stand-in {Image} is served in-process by the simulated cluster" : $"stand-in {Image} loaded into the cluster");
    }

    public override Task StopAsync(CancellationToken cancellationToken = default)
    {
        Ready = false;
        return Task.CompletedTask;
    }
}
