using PlatformValidation.Tests;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Scenarios;

/// <summary>Mutated scenario files either parse or throw a <see cref="ScenarioException"/>: never anything else.</summary>
public class ScenarioParserFuzzTests
{
    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public void TenThousandMutatedScenariosOnlyEverThrowScenarioException()
    {
        var original = File.ReadAllText(RepoPaths.SampleScenario);
        var random = new Random(20260620);
        string[] fragments = ["\t", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "'", "\"", "\n  ", "\n", "---\n", "null", "~", "!!binary ", "? ", "|", ">", "#", "\0", "\u00e9"];
        var unexpected = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var chars = original.ToCharArray().ToList();
            var edits = 1 + random.Next(6);
            for (var e = 0; e < edits && chars.Count > 0; e++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(4))
                {
                    case 0:
                        chars.RemoveRange(at, Math.Min(chars.Count - at, 1 + random.Next(20)));
                        break;
                    case 1:
                        chars.InsertRange(at, fragments[random.Next(fragments.Length)]);
                        break;
                    case 2:
                        chars[at] = (char)random.Next(32, 127);
                        break;
                    default:
                        var from = random.Next(chars.Count);
                        chars.InsertRange(at, chars.Skip(from).Take(1 + random.Next(40)).ToList());
                        break;
                }
            }

            try
            {
                ScenarioParser.Parse(new string(chars.ToArray()), "fuzz.yaml", RepoPaths.Scenarios);
            }
            catch (ScenarioException e)
            {
                Assert.That(e.Message, Is.Not.Empty);
            }
#pragma warning disable CA1031 // The point of the test is to catch anything else.
            catch (Exception e)
#pragma warning restore CA1031
            {
                unexpected.Add($"#{i}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.That(unexpected, Is.Empty, string.Join("\n", unexpected.Take(10)));
    }
}
