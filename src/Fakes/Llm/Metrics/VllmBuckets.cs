namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>Bucket boundaries exactly as vLLM's V1 <c>PrometheusStatLogger</c> declares them (vllm/v1/metrics/loggers.py).</summary>
public static class VllmBuckets
{
    public static readonly IReadOnlyList<double> TimeToFirstToken =
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];

    public static readonly IReadOnlyList<double> InterTokenLatency =
        [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];

    public static readonly IReadOnlyList<double> RequestLatency =
        [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

    public static readonly IReadOnlyList<double> IterationTokens = [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];

    public static readonly IReadOnlyList<double> ParamsN = [1, 2, 5, 10, 20];

    public static readonly IReadOnlyList<double> Preemptions = [1, 2, 3, 4, 5, 10, 20];

    /// <summary><c>build_1_2_5_buckets(max_model_len)</c>: 1, 2, 5, 10, 20, 50, … up to and including the maximum.</summary>
    public static IReadOnlyList<double> OneTwoFive(int maxValue)
    {
        var result = new List<double>();
        long power = 1;
        while (true)
        {
            foreach (var m in (int[])[1, 2, 5])
            {
                var value = m * power;
                if (value > maxValue)
                {
                    return result;
                }

                result.Add(value);
            }

            power *= 10;
        }
    }
}
