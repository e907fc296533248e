using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>An externals file (<see cref="ExternalsFile"/>): the scenario's <c>externals</c> section on its own.</summary>
internal sealed partial class ScenarioReader
{
    public ExternalsDeclaration ReadExternalsOnly(string text)
    {
        var root = yaml.AsMap(yaml.ParseDocument(text), "the externals file");
        if (root is null)
        {
            if (errors.Count == 0)
            {
                yaml.Error(SourceLocation.OfFile(yaml.File), "an externals file is a mapping with 'externals:', a list of {apiVersion, kind, name, namespace}, and optionally 'clusters:', a list of {name, server, project, labels, annotations} (the formats of a scenario's externals and clusters).");
            }

            throw new ScenarioException(errors);
        }

        var externals = ReadExternals(root);
        var clusters = ReadClusters(root);
        root.Done();
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors.OrderBy(e => e.Location?.Line ?? 0).ToList());
        }

        return new ExternalsDeclaration(externals, clusters);
    }
}
