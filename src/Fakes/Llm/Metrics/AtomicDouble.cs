namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>Lock-free add on a double stored as its 64-bit pattern.</summary>
internal static class AtomicDouble
{
    public static void Add(ref long bits, double amount)
    {
        while (true)
        {
            var current = Interlocked.Read(ref bits);
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + amount);
            if (Interlocked.CompareExchange(ref bits, next, current) == current)
            {
                return;
            }
        }
    }
}
