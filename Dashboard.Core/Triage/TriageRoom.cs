using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Storage.ChangeLog;

namespace Dashboard.Core.Triage;

/// <summary>Where a room is in its life. Persisted by name; do not rename.</summary>
public enum RoomStatus
{
    /// <summary>研判中: participants can join, propose, claim and decline.</summary>
    Open,

    /// <summary>已裁定: the decision became the dispatch; the room is closed.</summary>
    Decided,

    /// <summary>已撤销: closed without a decision (e.g. the case was settled elsewhere).</summary>
    Cancelled,
}

/// <summary>Who an invitation is for. Persisted by name; do not rename.</summary>
public enum InviteeKind
{
    /// <summary>A line department (职能部门); its liaisons may enter.</summary>
    Department,

    /// <summary>A street or town (镇街); its director may enter.</summary>
    Street,

    /// <summary>A community or village committee (村居委会); its workers may enter.</summary>
    Community,
}

/// <summary>Everything that can happen in a room; each step names one. Persisted and sent by name; do not rename.</summary>
public enum RoomStepKind
{
    Opened,
    Invited,
    Proposed,
    Agreed,
    Claimed,
    Declined,
    Escalated,
    Noted,
    VideoLinkSet,
    GuestLinkIssued,
    Decided,
    Cancelled,
}

/// <summary>A unit asked to join a room.</summary>
public sealed class RoomInvitation
{
    private RoomInvitation()
    {
        Code = InvitedByName = string.Empty;
    }

    internal RoomInvitation(InviteeKind kind, string code, string invitedByName, DateTimeOffset invitedUtc)
    {
        Kind = kind;
        Code = code;
        InvitedByName = invitedByName;
        InvitedUtc = invitedUtc;
    }

    public long Id { get; private set; }

    public InviteeKind Kind { get; private set; }

    /// <summary>Department code, 9-digit street code or 12-digit community code.</summary>
    public string Code { get; private set; }

    public string InvitedByName { get; private set; }

    public DateTimeOffset InvitedUtc { get; private set; }
}

/// <summary>One step in a room: who did what, when, about which department and tier, with what reason and evidence.</summary>
public sealed class RoomStep
{
    private RoomStep()
    {
        ActorId = ActorName = ActorRole = string.Empty;
    }

    internal RoomStep(int sequence, DateTimeOffset atUtc, Actor actor, RoomStepKind kind, string? departmentCode, HandlingTier? tier, string? text, string? evidenceUrl, int? refersTo)
    {
        Sequence = sequence;
        AtUtc = atUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        Kind = kind;
        DepartmentCode = departmentCode;
        Tier = tier;
        Text = text;
        EvidenceUrl = evidenceUrl;
        RefersTo = refersTo;
    }

    public long Id { get; private set; }

    /// <summary>1, 2, 3… within the room.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    public string ActorRole { get; private set; }

    public RoomStepKind Kind { get; private set; }

    public string? DepartmentCode { get; private set; }

    public HandlingTier? Tier { get; private set; }

    /// <summary>The reason, note, proposal rationale, invitee code or link label.</summary>
    public string? Text { get; private set; }

    /// <summary>A link to evidence (photo, land record, pipe drawing) a claim or decline rests on.</summary>
    public string? EvidenceUrl { get; private set; }

    /// <summary>The proposal an agreement refers to.</summary>
    public int? RefersTo { get; private set; }
}

/// <summary>What a room is opened about: the case and where it is.</summary>
public sealed record RoomSubject(string IncidentNumber, string Title, string ItemCode, double Longitude, double Latitude, string? StreetCode, string? CommunityCode, string? GridCode)
{
    public static RoomSubject From(Incident incident) => new(
        incident.Number, incident.Title, incident.ItemCode, incident.Location.Longitude, incident.Location.Latitude,
        incident.Location.StreetCode, incident.Location.CommunityCode, incident.Location.GridCode);
}

/// <summary>
/// A joint-triage room (联合研判室): a chair opens it for one case, invites departments, streets and communities;
/// participants propose owners, agree, claim or decline with reasons and evidence; if they still disagree the next
/// tier up rules; the decision (owner department, tier, deadline) becomes the dispatch and closes the room.
/// Every step is kept here, written to the change log (live to the room's channel) and, by the caller, to the case's
/// timeline. Who may take which step is decided outside (the web's room authorizer); the room guards its own state.
/// </summary>
public sealed class TriageRoom : IChangeLogSource
{
    public const int MaxTextLength = 2000;

    private readonly List<RoomInvitation> _invitations = [];
    private readonly List<RoomStep> _steps = [];
    private readonly List<ChangeLogEntry> _changes = [];

    private TriageRoom()
    {
        Id = IncidentNumber = Title = ItemCode = ChairId = ChairName = ChairRole = string.Empty;
    }

    public string Id { get; private set; }

    public string IncidentNumber { get; private set; }

    public string Title { get; private set; }

    public string ItemCode { get; private set; }

    public double Longitude { get; private set; }

    public double Latitude { get; private set; }

    public string? StreetCode { get; private set; }

    public string? CommunityCode { get; private set; }

    public string? GridCode { get; private set; }

    /// <summary>The actor id (<c>user:…</c>) of the person who opened and chairs the room.</summary>
    public string ChairId { get; private set; }

    public string ChairName { get; private set; }

    public string ChairRole { get; private set; }

    public RoomStatus Status { get; private set; }

    /// <summary>The tier whose ruling settles the room now: the chair's, then one up after an escalation.</summary>
    public HandlingTier RulingTier { get; private set; }

    public DateTimeOffset OpenedUtc { get; private set; }

    public DateTimeOffset? ClosedUtc { get; private set; }

    /// <summary>The external video conference the participants talk in (视频会商链接).</summary>
    public string? VideoUrl { get; private set; }

    public string? OwnerDepartmentCode { get; private set; }

    public HandlingTier? OwnerTier { get; private set; }

    public DateTimeOffset? DueUtc { get; private set; }

    public IReadOnlyList<RoomInvitation> Invitations => _invitations;

    public IReadOnlyList<RoomStep> Steps => _steps;

    public bool IsOpen => Status == RoomStatus.Open;

    /// <summary>The room's live channel, <c>room:&lt;id&gt;</c>.</summary>
    public LiveScope Scope => LiveScope.Room(Id);

    /// <summary>研判开始: opens a room for a case, chaired by <paramref name="chair"/>, ruled at <paramref name="rulingTier"/>.</summary>
    public static TriageRoom Open(string id, RoomSubject subject, Actor chair, HandlingTier rulingTier, DateTimeOffset atUtc, string? reason)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(chair);
        _ = LiveScope.Room(id);
        var room = new TriageRoom
        {
            Id = id,
            IncidentNumber = subject.IncidentNumber,
            Title = subject.Title,
            ItemCode = subject.ItemCode,
            Longitude = subject.Longitude,
            Latitude = subject.Latitude,
            StreetCode = subject.StreetCode,
            CommunityCode = subject.CommunityCode,
            GridCode = subject.GridCode,
            ChairId = chair.Id,
            ChairName = chair.Name,
            ChairRole = chair.Role,
            Status = RoomStatus.Open,
            RulingTier = rulingTier,
            OpenedUtc = atUtc.ToUniversalTime(),
        };
        room.Record(chair, atUtc, RoomStepKind.Opened, null, rulingTier, Trim(reason), null, null);
        return room;
    }

    /// <summary>True when the unit is invited: a department by code, a street or community by code.</summary>
    public bool IsInvited(InviteeKind kind, string code) => _invitations.Any(i => i.Kind == kind && i.Code == code);

    /// <summary>邀请: asks a department, street or community to join. Inviting twice is refused.</summary>
    public RoomStep Invite(Actor actor, DateTimeOffset atUtc, InviteeKind kind, string code)
    {
        EnsureOpen("invite to");
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (IsInvited(kind, code))
        {
            throw new TriageRoomException($"{kind} {code} is already invited to room {Id}.");
        }

        _invitations.Add(new RoomInvitation(kind, code, actor.Name, atUtc.ToUniversalTime()));
        return Record(actor, atUtc, RoomStepKind.Invited, kind == InviteeKind.Department ? code : null, null, $"{kind}:{code}", null, null);
    }

    /// <summary>Sets the external video conference's link (http or https only, so no script can hide in it).</summary>
    public RoomStep SetVideoLink(Actor actor, DateTimeOffset atUtc, string url)
    {
        EnsureOpen("set the video link of");
        var link = RequireHttpUrl(url, "videoUrl");
        VideoUrl = link;
        return Record(actor, atUtc, RoomStepKind.VideoLinkSet, null, null, link, null, null);
    }

    /// <summary>提议: puts a department and tier forward as the owner.</summary>
    public RoomStep Propose(Actor actor, DateTimeOffset atUtc, string departmentCode, HandlingTier tier, string reason)
    {
        EnsureOpen("propose in");
        ArgumentException.ThrowIfNullOrWhiteSpace(departmentCode);
        return Record(actor, atUtc, RoomStepKind.Proposed, departmentCode, tier, RequireText(reason, "propose an owner"), null, null);
    }

    /// <summary>同意: agrees with a proposal (by its step number). Agreeing twice with the same proposal is refused.</summary>
    public RoomStep Agree(Actor actor, DateTimeOffset atUtc, int proposal, string? comment)
    {
        EnsureOpen("agree in");
        var proposed = _steps.FirstOrDefault(s => s.Sequence == proposal && s.Kind == RoomStepKind.Proposed)
            ?? throw new TriageRoomException($"Room {Id} has no proposal #{proposal} to agree with.");
        if (_steps.Any(s => s.Kind == RoomStepKind.Agreed && s.RefersTo == proposal && s.ActorId == actor.Id))
        {
            throw new TriageRoomException($"{actor.Name} already agreed with proposal #{proposal}.");
        }

        return Record(actor, atUtc, RoomStepKind.Agreed, proposed.DepartmentCode, proposed.Tier, Trim(comment), null, proposal);
    }

    /// <summary>认领: a department says the case is theirs, with its reason and evidence.</summary>
    public RoomStep Claim(Actor actor, DateTimeOffset atUtc, string departmentCode, string reason, string? evidenceUrl)
    {
        EnsureOpen("claim in");
        ArgumentException.ThrowIfNullOrWhiteSpace(departmentCode);
        return Record(actor, atUtc, RoomStepKind.Claimed, departmentCode, null, RequireText(reason, "claim"), OptionalHttpUrl(evidenceUrl), null);
    }

    /// <summary>不认领: a department says the case is not theirs; a reason is required, evidence is welcome.</summary>
    public RoomStep Decline(Actor actor, DateTimeOffset atUtc, string departmentCode, string reason, string? evidenceUrl)
    {
        EnsureOpen("decline in");
        ArgumentException.ThrowIfNullOrWhiteSpace(departmentCode);
        return Record(actor, atUtc, RoomStepKind.Declined, departmentCode, null, RequireText(reason, "decline"), OptionalHttpUrl(evidenceUrl), null);
    }

    /// <summary>记录: a note for the record.</summary>
    public RoomStep Note(Actor actor, DateTimeOffset atUtc, string text)
    {
        EnsureOpen("add a note to");
        return Record(actor, atUtc, RoomStepKind.Noted, null, null, RequireText(text, "add a note"), null, null);
    }

    /// <summary>提请上级裁定: the participants still disagree, so the next tier up rules. The district is the top.</summary>
    public RoomStep Escalate(Actor actor, DateTimeOffset atUtc, string reason)
    {
        EnsureOpen("escalate");
        var why = RequireText(reason, "escalate");
        if (RulingTier >= HandlingTier.District)
        {
            throw new TriageRoomException($"Room {Id} is already ruled by the district, the top tier; the district operator decides.");
        }

        var from = RulingTier;
        RulingTier = from < HandlingTier.Street ? HandlingTier.Street : HandlingTier.District;
        return Record(actor, atUtc, RoomStepKind.Escalated, null, RulingTier, why, null, null);
    }

    /// <summary>Records that a guest link was issued (the token itself is never kept here).</summary>
    public RoomStep RecordGuestLink(Actor actor, DateTimeOffset atUtc, string label, DateTimeOffset expiresUtc) =>
        EnsureOpenThen("issue a guest link for", () => Record(actor, atUtc, RoomStepKind.GuestLinkIssued, null, null,
            $"{RequireText(label, "issue a guest link")} (until {expiresUtc.ToUniversalTime():yyyy-MM-dd HH:mm}Z)", null, null));

    /// <summary>裁定: the owner department, tier and deadline; the room closes. The caller turns it into the dispatch.</summary>
    public RoomStep Decide(Actor actor, DateTimeOffset atUtc, string departmentCode, HandlingTier tier, DateTimeOffset? dueUtc, string reason)
    {
        EnsureOpen("decide");
        ArgumentException.ThrowIfNullOrWhiteSpace(departmentCode);
        var why = RequireText(reason, "decide");
        if (dueUtc is { } due && due <= atUtc)
        {
            throw new TriageRoomException($"The deadline {due:u} has already passed; pick one after {atUtc:u}.");
        }

        Status = RoomStatus.Decided;
        OwnerDepartmentCode = departmentCode;
        OwnerTier = tier;
        DueUtc = dueUtc?.ToUniversalTime();
        ClosedUtc = atUtc.ToUniversalTime();
        return Record(actor, atUtc, RoomStepKind.Decided, departmentCode, tier, why, null, null);
    }

    /// <summary>撤销: closes the room without a decision.</summary>
    public RoomStep Cancel(Actor actor, DateTimeOffset atUtc, string reason)
    {
        EnsureOpen("cancel");
        var why = RequireText(reason, "cancel");
        Status = RoomStatus.Cancelled;
        ClosedUtc = atUtc.ToUniversalTime();
        return Record(actor, atUtc, RoomStepKind.Cancelled, null, null, why, null, null);
    }

    /// <summary>The departments that have claimed and not later declined, and those that declined, latest word first.</summary>
    public IReadOnlyDictionary<string, RoomStepKind> Positions() =>
        _steps.Where(s => s.Kind is RoomStepKind.Claimed or RoomStepKind.Declined && s.DepartmentCode is not null)
            .GroupBy(s => s.DepartmentCode!)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Sequence)!.Kind);

    public IReadOnlyList<ChangeLogEntry> DrainChanges()
    {
        var drained = _changes.ToList();
        _changes.Clear();
        return drained;
    }

    private RoomStep Record(Actor actor, DateTimeOffset atUtc, RoomStepKind kind, string? department, HandlingTier? tier, string? text, string? evidence, int? refersTo)
    {
        var at = atUtc.ToUniversalTime();
        var step = new RoomStep(_steps.Count + 1, at, actor, kind, department, tier, text, evidence, refersTo);
        _steps.Add(step);
        _changes.Add(new ChangeLogEntry(at, "room." + JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString()), LiveScope.RoomEntityType, Id,
            new ChangeScope(StreetCode, CommunityCode, GridCode),
            JsonSerializer.Serialize(new
            {
                room = Id,
                incident = IncidentNumber,
                seq = step.Sequence,
                kind = kind.ToString(),
                actor = actor.Name,
                role = actor.Role,
                department,
                tier = tier?.ToString(),
                text,
                evidence,
                refersTo,
                at,
                status = Status.ToString(),
                rulingTier = RulingTier.ToString(),
                videoUrl = VideoUrl,
            }),
            isCritical: kind is RoomStepKind.Decided or RoomStepKind.Cancelled,
            actor: actor.Id));
        return step;
    }

    private void EnsureOpen(string verb)
    {
        if (!IsOpen)
        {
            throw new TriageRoomException($"Cannot {verb} room {Id}: it is {Status.ToString().ToLowerInvariant()}.");
        }
    }

    private T EnsureOpenThen<T>(string verb, Func<T> then)
    {
        EnsureOpen(verb);
        return then();
    }

    private static string? Trim(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is { Length: > MaxTextLength } long_ ? long_[..MaxTextLength] : text.Trim();

    private static string RequireText(string? text, string verb) =>
        Trim(text) ?? throw new TriageRoomException($"To {verb} a reason is required.");

    private static string? OptionalHttpUrl(string? url) => string.IsNullOrWhiteSpace(url) ? null : RequireHttpUrl(url, "evidence");

    private static string RequireHttpUrl(string? url, string field) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.OriginalString.Length <= 512
            ? uri.OriginalString
            : throw new TriageRoomException($"{field}: '{url}' is not an http(s) link of at most 512 characters.");
}

/// <summary>A room step its state does not allow, or bad input to it; the message says which.</summary>
public sealed class TriageRoomException(string message) : InvalidOperationException(message);
