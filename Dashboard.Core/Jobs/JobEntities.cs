using Dashboard.Core.Sla;

namespace Dashboard.Core.Jobs;

/// <summary>
/// What the SLA watch last told the wall about one open case: its light, and which overdue clock it already
/// escalated. Kept in the store so a restarted or catching-up node writes a change only when the light really
/// changed and never escalates the same missed limit twice.
/// </summary>
public sealed class SlaWatchState
{
    private SlaWatchState()
    {
    }

    public SlaWatchState(long incidentId)
    {
        IncidentId = incidentId;
        Light = SlaLight.None;
    }

    public long IncidentId { get; private set; }

    public SlaLight Light { get; private set; }

    public DateTimeOffset? ChangedAtUtc { get; private set; }

    /// <summary>The clock whose overdue time caused the last automatic escalation; null before any.</summary>
    public long? EscalatedClockId { get; private set; }

    public int EscalationCount { get; private set; }

    /// <summary>True when <paramref name="light"/> differs from what the wall was last told.</summary>
    public bool See(SlaLight light, DateTimeOffset atUtc)
    {
        if (light == Light)
        {
            return false;
        }

        Light = light;
        ChangedAtUtc = atUtc;
        return true;
    }

    public bool HasEscalated(long clockId) => EscalatedClockId == clockId;

    public void Escalated(long clockId, DateTimeOffset atUtc)
    {
        EscalatedClockId = clockId;
        EscalationCount++;
        ChangedAtUtc = atUtc;
    }
}

/// <summary>The breakdowns the rollups keep: one row per bucket, dimension and key.</summary>
public enum RollupDimension
{
    /// <summary>镇街 code.</summary>
    Street,

    /// <summary>网格 code.</summary>
    Grid,

    /// <summary>Catalog item code (EV-05-02).</summary>
    Item,

    /// <summary>Catalog major class (EV-05), the item code without its minor part.</summary>
    ItemClass,

    /// <summary>Source of the first report (Camera, Hotline12345...).</summary>
    Source,

    /// <summary>The department the case is assigned to; <see cref="IncidentRollup.NoKey"/> before dispatch.</summary>
    Department,

    /// <summary>村居 code. Added after the others (values are stored by name); rows exist from the first rebuild after it.</summary>
    Community,
}

/// <summary>
/// Counts of one bucket (an hour, or a local day) for one key of one dimension, so the wall's charts and the
/// reports read a few rows instead of scanning raw incidents.
/// </summary>
public abstract class IncidentRollup
{
    /// <summary>The key used when a case has no value for the dimension (no grid, no department yet).</summary>
    public const string NoKey = "-";

    protected IncidentRollup()
    {
        Key = NoKey;
    }

    protected IncidentRollup(DateTimeOffset bucketStartUtc, RollupDimension dimension, string key, RollupCounts counts)
    {
        BucketStartUtc = bucketStartUtc;
        Dimension = dimension;
        Key = key;
        Found = counts.Found;
        Dispatched = counts.Dispatched;
        Closed = counts.Closed;
        Overdue = counts.Overdue;
        MedianCloseMinutes = counts.MedianCloseMinutes;
        HandledOnTheSpot = counts.HandledOnTheSpot;
    }

    /// <summary>UTC start of the hour, or the UTC instant of local (Asia/Shanghai) midnight for a day.</summary>
    public DateTimeOffset BucketStartUtc { get; private set; }

    public RollupDimension Dimension { get; private set; }

    public string Key { get; private set; }

    /// <summary>Cases first reported (发现) in the bucket.</summary>
    public int Found { get; private set; }

    /// <summary>Dispatches (派遣) made in the bucket.</summary>
    public int Dispatched { get; private set; }

    /// <summary>Cases closed (结案) in the bucket.</summary>
    public int Closed { get; private set; }

    /// <summary>Stage limits that ran out in the bucket without being met.</summary>
    public int Overdue { get; private set; }

    /// <summary>Median report-to-close time of the cases closed in the bucket; null when none closed.</summary>
    public double? MedianCloseMinutes { get; private set; }

    /// <summary>Of <see cref="Closed"/>, the cases closed on the spot (自处置, <see cref="Incidents.HandledOnTheSpot"/>).</summary>
    public int HandledOnTheSpot { get; private set; }
}

public sealed class HourlyRollup : IncidentRollup
{
    private HourlyRollup()
    {
    }

    public HourlyRollup(DateTimeOffset bucketStartUtc, RollupDimension dimension, string key, RollupCounts counts)
        : base(bucketStartUtc, dimension, key, counts)
    {
    }
}

public sealed class DailyRollup : IncidentRollup
{
    private DailyRollup()
    {
    }

    public DailyRollup(DateTimeOffset bucketStartUtc, RollupDimension dimension, string key, RollupCounts counts)
        : base(bucketStartUtc, dimension, key, counts)
    {
    }
}

/// <summary>
/// The numbers of one rollup row. <see cref="HandledOnTheSpot"/> came later, last and optional, so existing callers
/// compile unchanged.
/// </summary>
public readonly record struct RollupCounts(int Found, int Dispatched, int Closed, int Overdue, double? MedianCloseMinutes, int HandledOnTheSpot = 0);

/// <summary>A resolved case's report payload moved out of the hot table by the retention sweep.</summary>
public sealed class ArchivedReportPayload
{
    private ArchivedReportPayload()
    {
        IncidentNumber = string.Empty;
        PayloadJson = string.Empty;
    }

    public ArchivedReportPayload(long reportId, string incidentNumber, string payloadJson, DateTimeOffset archivedAtUtc)
    {
        ReportId = reportId;
        IncidentNumber = incidentNumber;
        PayloadJson = payloadJson;
        ArchivedAtUtc = archivedAtUtc;
    }

    /// <summary>The id of the incident report the payload belonged to.</summary>
    public long ReportId { get; private set; }

    public string IncidentNumber { get; private set; }

    public string PayloadJson { get; private set; }

    public DateTimeOffset ArchivedAtUtc { get; private set; }
}

/// <summary>A quarantined feed message past its retention age, kept byte for byte with the reason.</summary>
public sealed class ArchivedQuarantineMessage
{
    private ArchivedQuarantineMessage()
    {
        Source = Field = Reason = ContentType = Sha256 = string.Empty;
        Payload = [];
    }

    public ArchivedQuarantineMessage(Quarantine.QuarantinedMessage message, DateTimeOffset archivedAtUtc)
    {
        QuarantineId = message.Id;
        Source = message.Source;
        ReceivedAtUtc = message.ReceivedAtUtc;
        Field = message.Field;
        Reason = message.Reason;
        ContentType = message.ContentType;
        Payload = message.Payload;
        Sha256 = message.Sha256;
        RemoteAddress = message.RemoteAddress;
        ArchivedAtUtc = archivedAtUtc;
    }

    public long QuarantineId { get; private set; }

    public string Source { get; private set; }

    public DateTimeOffset ReceivedAtUtc { get; private set; }

    public string Field { get; private set; }

    public string Reason { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Payload { get; private set; }

    public string Sha256 { get; private set; }

    public string? RemoteAddress { get; private set; }

    public DateTimeOffset ArchivedAtUtc { get; private set; }
}
