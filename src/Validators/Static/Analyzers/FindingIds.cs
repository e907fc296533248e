namespace PlatformValidation.Validators.Analyzers;

/// <summary>The stable IDs of the static findings catalogue (docs/scenario-format.md and README list them).</summary>
public static class FindingIds
{
    public const string Yaml001 = "YAML001";
    public const string Argo001 = "ARGO001";
    public const string Argo002 = "ARGO002";
    public const string Argo004 = "ARGO004";
    public const string Argo005 = "ARGO005";
    public const string Argo006 = "ARGO006";
    public const string Argo007 = "ARGO007";
    public const string Argo008 = "ARGO008";
    public const string Render001 = "RENDER001";
    public const string Render002 = "RENDER002";
    public const string Render003 = "RENDER003";
    public const string Dep001 = "DEP001";
    public const string Dep002 = "DEP002";
    public const string Dep003 = "DEP003";
    public const string Group001 = "GROUP001";
    public const string Gate001 = "GATE001";
    public const string Gate002 = "GATE002";
    public const string Gate003 = "GATE003";
    public const string Gate004 = "GATE004";
    public const string Gate005 = "GATE005";
    public const string Narrow001 = "NARROW001";
    public const string Narrow002 = "NARROW002";
    public const string Narrow003 = "NARROW003";
    public const string Narrow004 = "NARROW004";
    public const string Wave001 = "WAVE001";
    public const string Proj001 = "PROJ001";
    public const string Proj002 = "PROJ002";
    public const string Proj003 = "PROJ003";
    public const string Proj004 = "PROJ004";
    public const string Repo001 = "REPO001";
    public const string Pin001 = "PIN001";
    public const string Sec001 = "SEC001";
    public const string Sec002 = "SEC002";
    public const string Schema001 = "SCHEMA001";
    public const string Schema002 = "SCHEMA002";
    public const string Scen001 = "SCEN001";
    public const string Prune001 = "PRUNE001";
}
