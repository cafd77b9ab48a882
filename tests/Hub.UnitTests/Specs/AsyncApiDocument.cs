using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Hub.Contracts.V1;

namespace Hub.UnitTests.Specs;

/// <summary>
/// Builds the AsyncAPI 3.0 document of the data exchange from Hub.Contracts (types, constructor parameters, XML docs),
/// so specs/exchange/asyncapi.json can be checked against the code it describes.
/// </summary>
internal static class AsyncApiDocument
{
    /// <summary>Which way each contract travels; a new contract must be placed here (the test names it).</summary>
    public static readonly string[] PlatformToHub =
    [
        nameof(CheckConnectivity), nameof(PeopleChanged), nameof(PeopleRemoved), nameof(KeysChanged), nameof(OrganizationsChanged),
        nameof(OrganizationsRemoved), nameof(Heartbeat), nameof(ReconciliationReported), nameof(ReconciliationKeysReported),
    ];

    public static readonly string[] HubToPlatform =
    [
        nameof(ConnectivityChecked), nameof(IdentitiesAssigned), nameof(RemovalsHeld), nameof(ChangesAvailable), nameof(SnapshotRequested),
        nameof(ReconcileRequested), nameof(ReconciliationRangesRequested), nameof(ReconciliationCompleted),
    ];

    /// <summary>Events the hub publishes by message type for its own subscribers (console alerting, notifications).</summary>
    public static readonly string[] HubEvents = ["SupportRequestUpdated", "SupportServiceLevelBreached", "AlertRaised", "AlertResolved"];

    private static readonly Assembly Contracts = typeof(PeopleChanged).Assembly;

    /// <summary>Records that travel on their own (not only inside another record).</summary>
    public static IEnumerable<Type> Messages => Contracts.GetExportedTypes()
        .Where(t => t.Namespace == "Hub.Contracts.V1" && t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null)
        .Where(t => !Contracts.GetExportedTypes().Any(o => o != t && Constructor(o)?.GetParameters().Any(p => Mentions(p.ParameterType, t)) == true))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static string Build()
    {
        var docs = XmlDocs.Load();
        var schemas = new JsonObject();
        foreach (var type in Contracts.GetExportedTypes().Where(t => t.Namespace == "Hub.Contracts.V1" && t.GetMethod("<Clone>$") is not null)
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            schemas[type.Name] = Schema(type, docs);
        }
        var messages = new JsonObject();
        foreach (var type in Messages)
        {
            messages[type.Name] = new JsonObject
            {
                ["name"] = type.Name,
                ["title"] = type.Name,
                ["summary"] = docs.Summary(type),
                ["contentType"] = "application/vnd.masstransit+json",
                ["x-message-type"] = $"urn:message:{type.Namespace}:{type.Name}",
                ["payload"] = new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" },
            };
        }
        JsonObject Refs(IEnumerable<string> names) => new(names.Order(StringComparer.Ordinal)
            .Select(n => KeyValuePair.Create(n, (JsonNode?)new JsonObject { ["$ref"] = $"#/components/messages/{n}" })));
        var document = new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Hub data exchange 数据交换规范",
                ["version"] = ExchangeNames.SchemaVersion,
                ["description"] = "Messages between regional platforms (sync adapters) and the hub over RabbitMQ, in MassTransit's JSON envelope. Delivery guarantees, versions, dead letters and reconciliation: specs/exchange/README.md.",
            },
            ["defaultContentType"] = "application/vnd.masstransit+json",
            ["servers"] = new JsonObject
            {
                ["hub"] = new JsonObject { ["host"] = "{host}:5672", ["protocol"] = "amqp", ["protocolVersion"] = "0.9.1",
                    ["description"] = "The hub's RabbitMQ; each platform has a user limited to names starting platform.{platformId}.",
                    ["variables"] = new JsonObject { ["host"] = new JsonObject { ["default"] = "localhost" } } },
            },
            ["channels"] = new JsonObject
            {
                ["platformOutbound"] = Channel(ExchangeNames.Outbound("{platformId}"), "exchange", "Everything a platform sends; bound by the hub to hub.inbound. The exchange names the sender.", Refs(PlatformToHub)),
                ["platformInbox"] = Channel(ExchangeNames.Inbox("{platformId}"), "queue", "Everything the hub sends a platform: a quorum queue (and exchange) declared by the hub at approval.", Refs(HubToPlatform)),
                ["hubEvents"] = new JsonObject
                {
                    ["address"] = "Hub.Contracts.V1:{messageType}",
                    ["description"] = "Events the hub publishes by message type for its own subscribers.",
                    ["parameters"] = new JsonObject { ["messageType"] = new JsonObject { ["description"] = "The contract's type name." } },
                    ["messages"] = Refs(HubEvents),
                },
            },
            ["operations"] = new JsonObject
            {
                ["sendToHub"] = Operation("send", "platformOutbound", PlatformToHub, "A platform's adapter sends batches, heartbeats and reconciliation reports."),
                ["receiveFromHub"] = Operation("receive", "platformInbox", HubToPlatform, "A platform's adapter receives answers and requests from the hub."),
                ["publishHubEvents"] = Operation("send", "hubEvents", HubEvents, "The hub publishes its own events."),
            },
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Channel(string address, string kind, string description, JsonObject messages) => new()
    {
        ["address"] = address,
        ["description"] = description,
        ["parameters"] = new JsonObject { ["platformId"] = new JsonObject { ["description"] = "The platform's id: 16 lowercase hex digits issued at approval." } },
        ["messages"] = messages,
        ["bindings"] = new JsonObject
        {
            ["amqp"] = kind == "queue"
                ? new JsonObject { ["is"] = "queue", ["queue"] = new JsonObject { ["name"] = address, ["durable"] = true, ["exclusive"] = false, ["autoDelete"] = false }, ["bindingVersion"] = "0.3.0" }
                : new JsonObject { ["is"] = "routingKey", ["exchange"] = new JsonObject { ["name"] = address, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false }, ["bindingVersion"] = "0.3.0" },
        },
    };

    private static JsonObject Operation(string action, string channel, IEnumerable<string> messages, string summary) => new()
    {
        ["action"] = action,
        ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{channel}" },
        ["summary"] = summary,
        ["messages"] = new JsonArray([.. messages.Order(StringComparer.Ordinal).Select(m => (JsonNode)new JsonObject { ["$ref"] = $"#/channels/{channel}/messages/{m}" })]),
    };

    private static ConstructorInfo? Constructor(Type type) => type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();

    private static bool Mentions(Type parameter, Type type) =>
        parameter == type || (parameter.IsGenericType && parameter.GetGenericArguments().Any(a => Mentions(a, type)));

    private static JsonObject Schema(Type type, XmlDocs docs)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in Constructor(type)!.GetParameters())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var nullable = nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            var schema = TypeSchema(parameter.ParameterType);
            if (nullable)
            {
                schema = new JsonObject { ["oneOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
            }
            else
            {
                required.Add(name);
            }
            if (docs.Param(type, parameter.Name!) is { } description)
            {
                schema["description"] = description;
            }
            properties[name] = schema;
        }
        return new JsonObject { ["type"] = "object", ["description"] = docs.Summary(type), ["properties"] = properties, ["required"] = required };
    }

    private static JsonObject TypeSchema(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (type == typeof(Guid)) return new JsonObject { ["type"] = "string", ["format"] = "uuid" };
        if (type == typeof(int)) return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        if (type == typeof(long)) return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        if (type == typeof(double)) return new JsonObject { ["type"] = "number" };
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (type == typeof(DateTimeOffset)) return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        if (type == typeof(DateOnly)) return new JsonObject { ["type"] = "string", ["format"] = "date" };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(type.GetGenericArguments()[0]) };
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema(type.GetGenericArguments()[1]) };
        }
        if (type.Namespace == "Hub.Contracts.V1")
        {
            return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
        }
        throw new NotSupportedException($"No schema mapping for {type}; extend AsyncApiDocument.TypeSchema.");
    }

    /// <summary>The compiler's XML documentation of Hub.Contracts (copied next to the test assembly).</summary>
    private sealed class XmlDocs(XDocument? xml)
    {
        public static XmlDocs Load()
        {
            var path = Path.ChangeExtension(Contracts.Location, ".xml");
            return new XmlDocs(File.Exists(path) ? XDocument.Load(path) : null);
        }

        private XElement? Member(Type type) => xml?.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == "T:" + type.FullName);

        public string Summary(Type type) => Clean(Member(type)?.Element("summary")) ?? type.Name;

        public string? Param(Type type, string name) => Clean(Member(type)?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));

        private static string? Clean(XElement? element)
        {
            if (element is null)
            {
                return null;
            }
            var text = string.Concat(element.Nodes().Select(n => n is XElement e
                ? (string?)e.Attribute("cref") is { } cref ? cref[(cref.LastIndexOf('.') + 1)..] : e.Value
                : n.ToString()));
            return string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
        }
    }
}
