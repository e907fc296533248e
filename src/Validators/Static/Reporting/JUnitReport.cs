using System.Globalization;
using System.Text;
using System.Xml;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>
/// JUnit XML for CI: one test suite per profile, one test case per check family; a case fails when the family has an
/// error finding in that profile (each finding listed with file:line), warnings go to system-out.
/// </summary>
public static class JUnitReport
{
    public static void Write(ValidationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using var xml = XmlWriter.Create(writer, settings);
        var families = FindingFamilies.All;
        var totalCases = report.Profiles.Count * families.Count;
        var failures = report.Profiles.Sum(p => families.Count(f => FindingFamilies.For(report, p).Any(x => x.Severity == Severity.Error && FindingFamilies.Of(x.Id) == f.Name)));
        var seconds = report.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", $"validate {report.Scenario}");
        xml.WriteAttributeString("tests", totalCases.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("time", seconds);
        foreach (var profile in report.Profiles)
        {
            var findings = FindingFamilies.For(report, profile).ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", $"profile {profile.Name}");
            xml.WriteAttributeString("tests", families.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", families.Count(f => findings.Any(x => x.Severity == Severity.Error && FindingFamilies.Of(x.Id) == f.Name)).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteStartElement("properties");
            Property(xml, "substrate", report.Substrate);
            Property(xml, "layers", string.Join(",", profile.Layers));
            Property(xml, "apps", profile.Apps.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
            foreach (var family in families)
            {
                var inFamily = findings.Where(x => FindingFamilies.Of(x.Id) == family.Name).ToList();
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"validate.{profile.Name}");
                xml.WriteAttributeString("name", $"{profile.Name} is {family.Title}");
                var errors = inFamily.Where(x => x.Severity == Severity.Error).ToList();
                if (errors.Count > 0)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", string.Join(",", errors.Select(e => e.Id).Distinct(StringComparer.Ordinal)));
                    xml.WriteAttributeString("message", $"{errors.Count} error finding(s)");
                    xml.WriteString(string.Join("\n", errors.Select(Line)));
                    xml.WriteEndElement();
                }

                var rest = inFamily.Except(errors).ToList();
                if (rest.Count > 0)
                {
                    xml.WriteElementString("system-out", string.Join("\n", rest.Select(Line)));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.Flush();
        writer.WriteLine();
    }

    private static string Line(Finding f) =>
        $"{f.Severity.ToString().ToLowerInvariant()} {f.Id} {f.Location}: {f.Message} Fix: {f.FixHint}";

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }
}
