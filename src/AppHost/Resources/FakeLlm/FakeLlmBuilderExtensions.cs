using PlatformValidation.AppHost.Resources.Lifecycle;

namespace PlatformValidation.AppHost.Resources.FakeLlm;

public static class FakeLlmBuilderExtensions
{
    /// <summary>Adds the simulated vLLM endpoint as the model server's stand-in image.</summary>
    public static IResourceBuilder<FakeLlmResource> AddFakeLlm(this IDistributedApplicationBuilder builder, string name, string image = ImageTags.FakeLlm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var llm = new FakeLlmResource(name, image);
        return builder.AddHarnessResource(llm)
            .WithHealthCheck("image available", _ => Task.FromResult(llm.Ready))
            .WithStartupTimeout(TimeSpan.FromMinutes(10));
    }
}
