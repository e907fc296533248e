using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PlatformValidation.AppHost.Resources.Lifecycle;

/// <summary>Adding in-process resources and their health checks to an Aspire AppHost.</summary>
public static class HarnessResourceBuilderExtensions
{
    /// <summary>Adds <paramref name="resource"/> to the model and lets <see cref="HarnessLifecycle"/> start and stop it.</summary>
    public static IResourceBuilder<T> AddHarnessResource<T>(this IDistributedApplicationBuilder builder, T resource)
        where T : HarnessResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(resource);
        return Lifecycle(builder).Manage(builder.AddResource(resource));
    }

    /// <summary>The lifecycle of this AppHost's in-process resources (one per builder).</summary>
    public static HarnessLifecycle Lifecycle(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var descriptor = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(HarnessLifecycle));
        if (descriptor?.ImplementationInstance is HarnessLifecycle existing)
        {
            return existing;
        }

        var lifecycle = new HarnessLifecycle(Path.Combine(Path.GetTempPath(), "pv-run-" + Guid.NewGuid().ToString("N")[..12]));
        builder.Services.AddSingleton(lifecycle);
        return lifecycle;
    }

    /// <summary>
    /// Registers <paramref name="check"/> as an <see cref="IHealthCheck"/> of the resource (key <c>resource: name</c>):
    /// Aspire runs it once the resource is Running, shows it on the dashboard, and <c>WaitFor</c> waits for it.
    /// </summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, string name, Func<CancellationToken, Task<bool>> check)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(check);
        var key = $"{builder.Resource.Name}: {name}";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new DelegateHealthCheck(name, check), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    /// <summary>How long the resource may take to become healthy once what it waits for is (named in the failure).</summary>
    public static IResourceBuilder<T> WithStartupTimeout<T>(this IResourceBuilder<T> builder, TimeSpan timeout)
        where T : HarnessResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.StartupTimeout = timeout;
        return builder;
    }

    private sealed class DelegateHealthCheck(string name, Func<CancellationToken, Task<bool>> check) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await check(cancellationToken) ? HealthCheckResult.Healthy(name) : HealthCheckResult.Unhealthy($"{name}: not yet");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{name}: {Validators.Live.Secrets.SecretRedactor.Shared.Redact(e.Message)}");
            }
        }
    }
}
