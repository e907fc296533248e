using PlatformValidation.Fakes.Cluster.Controllers;

namespace PlatformValidation.Fakes.Cluster.Tests.Controllers;

/// <summary>Resource quantities as apimachinery's resource.Quantity reads them (through KubernetesClient's ResourceQuantity).</summary>
public class QuantityTests
{
    [TestCase("250m", 0.25)]
    [TestCase("1.5", 1.5)]
    [TestCase("512Mi", 536870912)]
    [TestCase("2G", 2000000000)]
    [TestCase("1e3", 1000)]
    [TestCase("110", 110)]
    public void QuantitiesAreReadInBaseUnits(string text, double expected)
    {
        Assert.That(Quantity.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo((decimal)expected));
    }

    [TestCase("")]
    [TestCase("lots")]
    [TestCase("5Zi")]
    public void NonQuantitiesAreRejected(string text) =>
        Assert.That(Quantity.TryParse(text, out _), Is.False);
}
