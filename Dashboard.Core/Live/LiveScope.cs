using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Storage.ChangeLog;

namespace Dashboard.Core.Live;

/// <summary>The kinds of area or channel a live subscriber can follow.</summary>
public enum LiveScopeKind
{
    /// <summary>The whole district (区县), e.g. 禅城区 440604.</summary>
    District,

    /// <summary>A street or town (镇街), 9-digit code.</summary>
    Street,

    /// <summary>A community or village (村居), 12-digit code.</summary>
    Community,

    /// <summary>A joint-triage room (联合研判室): a channel, not an area.</summary>
    Room,
}

/// <summary>
/// What a live subscriber follows (订阅范围), written <c>district:440604</c>, <c>street:440604010</c>,
/// <c>community:440604010001</c> or <c>room:&lt;id&gt;</c>. The text form is also the SignalR group name.
/// </summary>
/// <remarks>
/// Visibility rule (<see cref="Contains"/>): a change is visible to a scope when the change's place and the
/// scope's area are on one line of the hierarchy — the change happened inside the area, or the change is
/// about an enclosing tier. So a street subscriber sees the street's own facts, everything in its
/// communities and grids, and district-level facts (no street, community or grid code); it never sees
/// another street's changes. Codes missing on an entry are derived from the more specific ones it has
/// (a grid code's first 9 digits are its street), so an entry without a street code can never leak to
/// every scope by accident. Rooms are channels: a room scope sees only entries about that room
/// (<see cref="RoomEntityType"/> with the room id as entity id), and room entries are seen by no other scope.
/// </remarks>
public sealed record LiveScope
{
    /// <summary>The <see cref="ChangeLogEntry.EntityType"/> of changes that belong to a room channel.</summary>
    public const string RoomEntityType = "room";

    private const int MaxRoomIdLength = 64;

    private LiveScope(LiveScopeKind kind, string code)
    {
        Kind = kind;
        Code = code;
    }

    public LiveScopeKind Kind { get; }

    /// <summary>The district, street or community code, or the room id.</summary>
    public string Code { get; }

    public static LiveScope District(string code) => Create(LiveScopeKind.District, code);

    public static LiveScope Street(string code) => Create(LiveScopeKind.Street, code);

    public static LiveScope Community(string code) => Create(LiveScopeKind.Community, code);

    public static LiveScope Room(string id) => Create(LiveScopeKind.Room, id);

    /// <summary>Parses the text form; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static LiveScope Parse(string? text) =>
        TryParse(text, out var scope, out var error) ? scope : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out LiveScope? scope, [NotNullWhen(false)] out string? error)
    {
        scope = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A live scope is required: district:<6 digits>, street:<9 digits>, community:<12 digits> or room:<id>.";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kindText = colon < 0 ? text : text[..colon];
        var code = colon < 0 ? string.Empty : text[(colon + 1)..];
        LiveScopeKind? kind = kindText switch
        {
            "district" => LiveScopeKind.District,
            "street" => LiveScopeKind.Street,
            "community" => LiveScopeKind.Community,
            "room" => LiveScopeKind.Room,
            _ => null,
        };
        if (kind is null)
        {
            error = $"'{text}' is not a live scope: it must start with district:, street:, community: or room:.";
            return false;
        }

        error = Validate(kind.Value, code);
        if (error is not null)
        {
            error = $"'{text}' is not a live scope: {error}";
            return false;
        }

        scope = new LiveScope(kind.Value, code);
        return true;
    }

    /// <summary>True when a subscriber of this scope may receive <paramref name="entry"/> (see the remarks on the type).</summary>
    public bool Contains(ChangeLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.EntityType == RoomEntityType)
        {
            return Kind == LiveScopeKind.Room && entry.EntityId == Code;
        }

        var street = entry.StreetCode ?? Prefix(entry.CommunityCode, 9) ?? Prefix(entry.GridCode, 9);
        var community = entry.CommunityCode ?? Prefix(entry.GridCode, 12);
        return Kind switch
        {
            LiveScopeKind.District => street is null || street.StartsWith(Code, StringComparison.Ordinal),
            LiveScopeKind.Street => street is null || street == Code,
            LiveScopeKind.Community => street is null || (community is null ? street == Code[..9] : community == Code),
            _ => false,
        };
    }

    /// <summary>True when this scope's area lies inside <paramref name="other"/>'s (or is the same scope).</summary>
    public bool IsWithin(LiveScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Kind == LiveScopeKind.Room || other.Kind == LiveScopeKind.Room)
        {
            return this == other;
        }

        return other.Kind <= Kind && Code.StartsWith(other.Code, StringComparison.Ordinal);
    }

    public override string ToString() => $"{KindName(Kind)}:{Code}";

    private static LiveScope Create(LiveScopeKind kind, string code)
    {
        var error = Validate(kind, code);
        return error is null ? new LiveScope(kind, code) : throw new FormatException($"'{KindName(kind)}:{code}' is not a live scope: {error}");
    }

    private static string? Validate(LiveScopeKind kind, string? code)
    {
        code ??= string.Empty;
        return kind switch
        {
            LiveScopeKind.District => Digits(code, 6, "a district code"),
            LiveScopeKind.Street => Digits(code, 9, "a street code"),
            LiveScopeKind.Community => Digits(code, 12, "a community code"),
            _ => code.Length is > 0 and <= MaxRoomIdLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? null
                : $"a room id is 1 to {MaxRoomIdLength} ASCII letters, digits, '-' or '_'.",
        };
    }

    private static string? Digits(string code, int length, string what) =>
        code.Length == length && code.All(char.IsAsciiDigit) ? null : $"{what} is {length} digits, got '{code}'.";

    private static string? Prefix(string? code, int length) => code is { Length: var n } && n >= length ? code[..length] : null;

    private static string KindName(LiveScopeKind kind) => kind switch
    {
        LiveScopeKind.District => "district",
        LiveScopeKind.Street => "street",
        LiveScopeKind.Community => "community",
        _ => "room",
    };
}
