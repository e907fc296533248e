namespace PlatformValidation.Fakes.Llm.Generation;

/// <summary>Words random completions are made of; each is at most 8 letters, so a word with its leading space is one token.</summary>
internal static class Lexicon
{
    public static readonly string[] Words =
    [
        "the", "model", "server", "answer", "request", "token", "stream", "latency", "cluster", "gateway",
        "profile", "layer", "platform", "deploy", "sync", "health", "ready", "queue", "cache", "memory",
        "compute", "network", "service", "route", "policy", "secret", "config", "value", "result", "signal",
        "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "river", "mountain", "forest",
        "bright", "quiet", "gentle", "rapid", "steady", "simple", "clear", "careful", "small", "large",
        "is", "was", "can", "will", "should", "might", "must", "has", "had", "does",
        "and", "but", "or", "so", "yet", "for", "with", "from", "into", "about",
        "a", "an", "this", "that", "each", "every", "some", "many", "few", "all",
        "runs", "waits", "returns", "sends", "reads", "writes", "starts", "stops", "scales", "checks",
        "today", "later", "again", "always", "often", "never", "soon", "here", "there", "now",
        "data", "time", "space", "light", "sound", "water", "energy", "system", "process", "pattern",
        "we", "you", "they", "it", "one", "two", "three", "first", "next", "last",
    ];
}
