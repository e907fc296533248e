using PlatformValidation.AppHost.ApplicationModel;

namespace PlatformValidation.AppHost.Resources.FakeLlm;

public static class FakeLlmBuilderExtensions
{
    /// <summary>Adds the simulated vLLM endpoint as the model server's stand-in image.</summary>
    public static IResourceBuilder<FakeLlmResource> AddFakeLlm(this PlatformAppBuilder builder, string name, string image = ImageTags.FakeLlm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var llm = new FakeLlmResource(name, image);
        return builder.AddResource(llm).WithHealthCheck("image available", _ => Task.FromResult(llm.Ready), TimeSpan.FromMinutes(10));
    }
}
