namespace PlatformValidation.Validators.Loading;

/// <summary>A YAML document that cannot be converted to JSON: the reason and the 1-based line and column.</summary>
public sealed class YamlToJsonException : Exception
{
    public YamlToJsonException(string reason, int line, int column)
        : base($"line {line}: {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    public YamlToJsonException()
        : this("invalid YAML", 1, 1)
    {
    }

    public YamlToJsonException(string message)
        : this(message, 1, 1)
    {
    }

    public YamlToJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        Line = 1;
        Column = 1;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = string.Empty;

    public int Line { get; }

    public int Column { get; }
}
