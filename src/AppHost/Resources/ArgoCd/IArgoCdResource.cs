using PlatformValidation.AppHost.ApplicationModel;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>An Argo CD (simulated or real) and the namespace it watches.</summary>
public interface IArgoCdResource : IResource
{
    string Namespace { get; }
}
