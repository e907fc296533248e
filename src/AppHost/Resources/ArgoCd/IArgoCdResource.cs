namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>An Argo CD (simulated or real) and the namespace it watches.</summary>
public interface IArgoCdResource : IResource
{
    string Namespace { get; }

    /// <summary>
    /// How often this Argo CD reconciles when nothing happens, when the harness knows it (the simulated reconciler);
    /// null for a real Argo CD. Waits that check that something does not change size their window from it.
    /// </summary>
    TimeSpan? ReconciliationInterval => null;
}
