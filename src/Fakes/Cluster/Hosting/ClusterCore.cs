using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Faults;
using PlatformValidation.Fakes.Cluster.Lifecycle;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.StandIns;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>The composed simulated cluster: registry, storage, API helpers, stand-ins and faults that handlers and controllers share.</summary>
public sealed class ClusterCore
{
    private readonly string token;

    public ClusterCore(SimulatedClusterOptions options, string token, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        this.token = token;
        Stopping = stopping;
        Time = options.TimeProvider;
        Registry = new ResourceRegistry(BuiltInResources.All);
        Schemas = new TypeSchemas();
        Objects = new ObjectStore(options.WatchHistory, options.MaxObjects);
        ServiceIps = new ServiceIpAllocator();
        Store = new ResourceStore(Objects, Registry, Time, new Admission(Schemas, ServiceIps));
        Tables = new Tables(Time);
        OpenApi = new OpenApiDocuments(Registry, Schemas);
        PodLogs = new PodLogStore(Time);
        StandIns = new StandInHost(options, PodLogs);
        Proxy = new ProxyHandler(Store, StandIns);
        PortForward = new PortForwardHandler(StandIns);
        Faults = new FaultInjector(options.Faults, Time);
        Events = new EventRecorder(this);
        Namespaces = new NamespaceFinalizer(this);
    }

    public SimulatedClusterOptions Options { get; }

    public TimeProvider Time { get; }

    public CancellationToken Stopping { get; }

    public ResourceRegistry Registry { get; }

    public TypeSchemas Schemas { get; }

    public ObjectStore Objects { get; }

    public ResourceStore Store { get; }

    public ServiceIpAllocator ServiceIps { get; }

    public Tables Tables { get; }

    public OpenApiDocuments OpenApi { get; }

    public PodLogStore PodLogs { get; }

    public StandInHost StandIns { get; }

    public ProxyHandler Proxy { get; }

    public PortForwardHandler PortForward { get; }

    public FaultInjector Faults { get; }

    public EventRecorder Events { get; }

    public NamespaceFinalizer Namespaces { get; }

    public bool IsValidToken(string candidate) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(candidate), System.Text.Encoding.UTF8.GetBytes(token));

    public void Log(string message) => Options.Log?.Invoke(message);

    /// <summary>The served type of a built-in or registered kind by apiVersion and kind, or null.</summary>
    public ResourceType? TypeFor(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return Registry.FindKind(group, version, kind);
    }

    /// <summary>The storage type of a group resource.</summary>
    public ResourceType TypeOf(GroupResource gr) => Registry.Storage(gr) ?? throw new InvalidOperationException($"{gr} is not served");

    public ResourceType Core(string plural) => Registry.Find(string.Empty, "v1", plural)!;

    /// <summary>Creates an object as a controller, returning null when it exists already.</summary>
    public JsonObject? CreateIfAbsent(ResourceType type, string? ns, JsonObject obj, string manager)
    {
        try
        {
            return Store.Create(type, ns, obj, OperationContext.Controller(manager));
        }
        catch (ApiException e) when (e.Code == 409 || (e.Code is 403 or 404 && e.Reason is "Forbidden" or "NotFound"))
        {
            return null;
        }
    }
}
