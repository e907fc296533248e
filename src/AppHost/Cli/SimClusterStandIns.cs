using System.CommandLine;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>sim-cluster --stand-in IMAGE_PATTERN=KIND</c>: containers whose image matches the glob run as the in-process
/// stand-in KIND (<c>fake-llm</c>: the fake OpenAI-compatible LLM; <c>generic</c>: a process that stays up), the
/// same <c>match</c> / <c>replaceWith</c> pair as a scenario's <c>substrate.images</c>. Lets a standalone simulated
/// cluster stand in for a team's GPU cluster (the model server image answers like vLLM).
/// </summary>
public static class SimClusterStandIns
{
    public static readonly IReadOnlyList<string> Kinds = ["fake-llm", "generic"];

    public static readonly Option<string[]> StandInOption = new("--stand-in")
    {
        Description = "Run containers whose image matches IMAGE_PATTERN (a glob such as vllm/vllm-openai:*) as the stand-in KIND (fake-llm or generic); repeatable: --stand-in IMAGE_PATTERN=KIND.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Pattern → kind in the order given, or the message naming the bad argument.</summary>
    public static (IReadOnlyDictionary<string, string> Images, string? Error) Parse(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            var eq = arg.LastIndexOf('=');
            if (eq <= 0 || eq == arg.Length - 1)
            {
                return (images, $"--stand-in '{arg}' must be IMAGE_PATTERN=KIND, e.g. --stand-in 'vllm/vllm-openai:*=fake-llm'.");
            }

            var kind = arg[(eq + 1)..];
            if (!Kinds.Contains(kind))
            {
                return (images, $"--stand-in '{arg}': unknown stand-in '{kind}'; use one of {string.Join(", ", Kinds)}.");
            }

            images[arg[..eq]] = kind;
        }

        return (images, null);
    }
}
