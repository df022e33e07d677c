namespace Dashboard.Core.Incidents;

/// <summary>
/// A before/after photo sent with a handling report (处置前后照片). Kept in the store, not on a node's disk, so every
/// dashboard node serves it and a backup holds it; read only through the workspace, which checks the case's scope.
/// Not part of the <see cref="Incident"/> aggregate: loading a case must not load its photos' bytes.
/// </summary>
public sealed class EvidencePhoto
{
    /// <summary>Largest photo accepted (phones send 2–4 MB JPEGs).</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Photos per handling report; with <see cref="MaxBytes"/> a full report stays under the server's 30 MB body limit, even base64-encoded.</summary>
    public const int MaxPerReport = 4;

    private EvidencePhoto()
    {
        IncidentNumber = string.Empty;
        ContentType = string.Empty;
        FileName = string.Empty;
        Sha256 = string.Empty;
        UploadedById = string.Empty;
        UploadedByName = string.Empty;
        Content = [];
    }

    public EvidencePhoto(long incidentId, string incidentNumber, EvidenceStage stage, string contentType, string fileName, byte[] content, string sha256, Actor uploadedBy, DateTimeOffset uploadedUtc)
    {
        IncidentId = incidentId;
        IncidentNumber = incidentNumber;
        Stage = stage;
        ContentType = contentType;
        FileName = fileName;
        Content = content;
        SizeBytes = content.Length;
        Sha256 = sha256;
        UploadedById = uploadedBy.Id;
        UploadedByName = uploadedBy.Name;
        UploadedUtc = uploadedUtc.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    public string IncidentNumber { get; private set; }

    public EvidenceStage Stage { get; private set; }

    /// <summary>image/jpeg, image/png or image/webp, decided from the file's own bytes, never from the upload's header.</summary>
    public string ContentType { get; private set; }

    /// <summary>The name the uploader's device gave it, for display only (never a path on the server).</summary>
    public string FileName { get; private set; }

    public int SizeBytes { get; private set; }

    public string Sha256 { get; private set; }

    public byte[] Content { get; private set; }

    public string UploadedById { get; private set; }

    public string UploadedByName { get; private set; }

    public DateTimeOffset UploadedUtc { get; private set; }
}
