using Dashboard.Core.Geo;

namespace Dashboard.Ingest.Normalization;

/// <summary>Which kind of feed an event came through. Part of the dedupe key (source, source system, external id).</summary>
public enum FeedSource
{
    Open311,

    /// <summary>12345 政务服务便民热线 work orders.</summary>
    Hotline12345,

    /// <summary>OASIS Common Alerting Protocol.</summary>
    Cap,

    /// <summary>Registered IoT devices (manholes, hydrants, elevators, water level, smoke, one-key call).</summary>
    Iot,

    /// <summary>Hikvision ISAPI EventNotificationAlert.</summary>
    Isapi,

    /// <summary>Video-analytics (AI) events from the camera platform.</summary>
    Camera,

    /// <summary>Grid workers' (网格员) app reports.</summary>
    Grid,
}

/// <summary>The lifecycle step a message reports. Alarm-style feeds use Active/Cleared; ticket-style feeds Open/Closed.</summary>
public enum EventState
{
    Active,
    Cleared,
    Open,
    Closed,
    Cancelled,

    /// <summary>A CAP Update: replaces the referenced message's content, the incident stays as it is.</summary>
    Update,
}

/// <summary>
/// What every feed parser produces: one source message (or one item of a batch) in a shape the incident
/// pipeline understands without knowing the feed format. Times are UTC, points are WGS-84.
/// </summary>
public sealed record NormalizedEvent
{
    public required FeedSource Source { get; init; }

    /// <summary>The sending system inside the source: CAP sender, device serial/MAC, Open311 jurisdiction, hotline platform.</summary>
    public required string SourceSystem { get; init; }

    /// <summary>Id unique within (Source, SourceSystem); redelivery of the same message yields the same id.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The key the catalog maps to an inspection item or category: "占道经营", "manhole.tilt", "camera.intrusion", a 12345 question code.</summary>
    public required string FeedKey { get; init; }

    /// <summary>1 (information) .. 5 (critical), per FEEDS.md §0.</summary>
    public required int Severity { get; init; }

    public required EventState State { get; init; }

    /// <summary>
    /// The source's own version of the record behind <see cref="ExternalId"/> (a 12345 order's state and times, an
    /// Open311 request's status, notes and updated_datetime). The same id with another <see cref="State"/> or
    /// revision is an update of that message; with both unchanged it is a redelivery and changes nothing. Null for
    /// feeds whose messages never change once sent (their state alone tells an update apart).
    /// </summary>
    public string? Revision { get; init; }

    /// <summary>
    /// Set when the message is never an incident by its nature (a face capture, a plate read without a violation):
    /// it is recorded as a device event with this reason, acknowledged, and pages nobody.
    /// </summary>
    public string? RecordOnlyReason { get; init; }

    /// <summary>
    /// Pages only when it comes from a device the registry knows (motion or an alarm input: on an unknown camera
    /// nobody knows what they guard); from any other device it is recorded as a device event.
    /// </summary>
    public bool RequiresRegisteredDevice { get; init; }

    /// <summary>False for CAP Test/Exercise/Draft/System messages and other traffic that must never page anyone.</summary>
    public bool IsLive { get; init; } = true;

    public required DateTimeOffset OccurredAtUtc { get; init; }

    public DateTimeOffset? ExpiresAtUtc { get; init; }

    /// <summary>The deadline the source itself sets (12345 deadlineDate), if any.</summary>
    public DateTimeOffset? DueAtUtc { get; init; }

    /// <summary>Where it happened, converted to WGS-84; null when the message carries no geometry (device registry or geocoding fills it later).</summary>
    public EventLocation? Location { get; init; }

    public string? AddressText { get; init; }

    public IReadOnlyList<GeoCode> GeoCodes { get; init; } = [];

    public string? Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> MediaUrls { get; init; } = [];

    /// <summary>Binary media delivered with the message itself (ISAPI multipart JPEGs).</summary>
    public IReadOnlyList<MediaAttachment> Attachments { get; init; } = [];

    /// <summary>Earlier messages this one updates, cancels or repeats (CAP references, 12345 oldOrderNum).</summary>
    public IReadOnlyList<EventReference> References { get; init; } = [];

    /// <summary>Feed-specific facts kept as tags (CAP urgency, camera confidence, 12345 callerType...). Multi-valued entries are comma-joined.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    public string? DeviceId { get; init; }

    public string? CameraId { get; init; }

    public int? Channel { get; init; }

    /// <summary>Personal data of the reporter, kept apart so storage can encrypt it and screens can mask it.</summary>
    public PersonalData? Reporter { get; init; }

    /// <summary>Things a lenient parse accepted that a strict one would not (e.g. CAP time with 'Z').</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public required RawPayload Raw { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}

/// <summary>A named code for the area (CAP geocode SAME 006037, a grid code, an address id).</summary>
public sealed record GeoCode(string Name, string Value);

/// <summary>A reference to an earlier message. For CAP: sender,identifier,sent; for 12345: the old order number.</summary>
public sealed record EventReference(string? Sender, string Identifier, DateTimeOffset? SentUtc);

/// <summary>A binary attachment received with the message (not a URL).</summary>
public sealed record MediaAttachment(string Name, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>Reporter PII. <see cref="IsSecret"/> (保密) means the reporter asked not to be identified to handlers.</summary>
public sealed record PersonalData
{
    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? DeviceId { get; init; }

    public string? AccountId { get; init; }

    public bool IsSecret { get; init; }

    /// <summary>A copy safe to show on screens: name → first character + "*", phone → first 3 and last 4 digits.</summary>
    public PersonalData Masked() => this with
    {
        Name = MaskName(Name),
        Phone = MaskPhone(Phone),
        Email = Email is null ? null : MaskEmail(Email),
        DeviceId = DeviceId is null ? null : "***",
        AccountId = AccountId is null ? null : "***",
    };

    private static string? MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? name : string.Concat(name.AsSpan(0, 1), new string('*', Math.Max(1, name.Length - 1)));

    private static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        return phone.Length <= 7
            ? new string('*', phone.Length)
            : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
