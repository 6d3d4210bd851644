using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ErpCrm.Data;

namespace ErpCrm.Core.Events;

/// <summary>How domain events travel as JSON: camel-case names, enums as text, numbers as numbers, the same for payloads, schemas and the outbox.</summary>
public static class DomainEventJson
{
    /// <summary>The outbox topic that carries events to <see cref="ICommittedEventObserver"/>s.</summary>
    public const string Topic = "erp.domain-event";

    /// <summary>The serialiser options of payloads and envelopes.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        // Numbers are numbers both ways (the web default also reads them from strings, which the schema would then allow).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
