using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Live;

/// <summary>
/// A message argument serialized once and written as-is into every connection's SignalR frame: a batch for a
/// scope with a thousand wall screens is turned into JSON once, not a thousand times.
/// </summary>
[JsonConverter(typeof(PreserializedJsonConverter))]
internal sealed class PreserializedJson
{
    private PreserializedJson(byte[] utf8)
    {
        Utf8 = utf8;
    }

    public byte[] Utf8 { get; }

    public static PreserializedJson From<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value));

    private sealed class PreserializedJsonConverter : JsonConverter<PreserializedJson>
    {
        public override PreserializedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Pre-serialized JSON is only ever written.");

        public override void Write(Utf8JsonWriter writer, PreserializedJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
