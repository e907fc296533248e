namespace PlatformValidation.Validators.Expansion;

/// <summary>What created an Application or ApplicationSet: an Application (app-of-apps) or an ApplicationSet.</summary>
public sealed record AppParent(string Kind, string Name)
{
    public override string ToString() => $"{Kind}/{Name}";
}
