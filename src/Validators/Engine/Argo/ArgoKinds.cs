using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>Recognizes Argo CD kinds (group <c>argoproj.io</c>).</summary>
public static class ArgoKinds
{
    public const string Group = "argoproj.io";
    public const string Application = "Application";
    public const string ApplicationSet = "ApplicationSet";
    public const string AppProject = "AppProject";

    public static bool IsApplication(ManifestObject o) => Is(o, Application);

    public static bool IsApplicationSet(ManifestObject o) => Is(o, ApplicationSet);

    public static bool IsAppProject(ManifestObject o) => Is(o, AppProject);

    private static bool Is(ManifestObject o, string kind)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Kind == kind && o.Group == Group;
    }
}
