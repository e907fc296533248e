namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>Where a resource is in its life.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Finished,
    FailedToStart,
    Stopping,
    Stopped,
}
