using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Onestop.EventStore;

/// <summary>
/// Stable, versioned names for event types ("dossiers.received.v1") and the JSON shape they are stored in.
/// An upcaster turns an old stored shape into the current one at read time; stored bytes never change.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> typesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> namesByType = [];
    private readonly Dictionary<string, (string NewName, Func<JsonObject, JsonObject> Upcast)> upcasters = new(StringComparer.Ordinal);

    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    public EventTypeRegistry Register<T>(string name) => Register(typeof(T), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        lock (typesByName)
        {
            if (typesByName.TryGetValue(name, out var existing) && existing != type)
            {
                throw new InvalidOperationException($"Event type name '{name}' is already registered for {existing.Name}.");
            }

            typesByName[name] = type;
            namesByType[type] = name;
        }

        return this;
    }

    /// <summary>Events stored as <paramref name="oldName"/> are read as <paramref name="newName"/> after <paramref name="upcast"/>.</summary>
    public EventTypeRegistry RegisterUpcaster(string oldName, string newName, Func<JsonObject, JsonObject> upcast)
    {
        lock (typesByName)
        {
            upcasters[oldName] = (newName, upcast);
        }

        return this;
    }

    public string NameOf(Type type) =>
        namesByType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"Event type {type.Name} is not registered; call EventTypeRegistry.Register<{type.Name}>(\"module.event.v1\").");

    public bool IsRegistered(string name) => typesByName.ContainsKey(name) || upcasters.ContainsKey(name);

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), SerializerOptions);

    /// <summary>Reads stored data as its current CLR type, upcasting old shapes. Unknown names give the raw JSON element.</summary>
    public object Deserialize(string name, string json)
    {
        if (upcasters.ContainsKey(name))
        {
            var node = JsonNode.Parse(json)!.AsObject();
            while (upcasters.TryGetValue(name, out var step))
            {
                node = step.Upcast(node);
                name = step.NewName;
            }

            return typesByName.TryGetValue(name, out var upcastType)
                ? node.Deserialize(upcastType, SerializerOptions)!
                : throw new UnknownEventTypeException(name);
        }

        return typesByName.TryGetValue(name, out var type)
            ? JsonSerializer.Deserialize(json, type, SerializerOptions)!
            : JsonDocument.Parse(json).RootElement.Clone();
    }

    public EventMetadata DeserializeMetadata(string json) =>
        JsonSerializer.Deserialize<EventMetadata>(json, SerializerOptions) ?? EventMetadata.Empty;

    public string SerializeMetadata(EventMetadata metadata) => JsonSerializer.Serialize(metadata, SerializerOptions);

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
