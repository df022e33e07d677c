using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Triage;

/// <summary>
/// A time-limited guest link (访客链接) for a department outside the system, scoped to one room. Only the SHA-256 of
/// the token is stored; the token is shown once, to the chair who issues it.
/// </summary>
public sealed class RoomGuestLink
{
    private RoomGuestLink()
    {
        RoomId = TokenHash = Label = IssuedByName = string.Empty;
    }

    private RoomGuestLink(string roomId, string tokenHash, string label, string issuedByName, DateTimeOffset issuedUtc, DateTimeOffset expiresUtc)
    {
        RoomId = roomId;
        TokenHash = tokenHash;
        Label = label;
        IssuedByName = issuedByName;
        IssuedUtc = issuedUtc;
        ExpiresUtc = expiresUtc;
    }

    public long Id { get; private set; }

    public string RoomId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string TokenHash { get; private set; }

    /// <summary>Who the link is for, e.g. 供电局 (a unit outside the system); shown as the guest's name in the room.</summary>
    public string Label { get; private set; }

    public string IssuedByName { get; private set; }

    public DateTimeOffset IssuedUtc { get; private set; }

    public DateTimeOffset ExpiresUtc { get; private set; }

    public DateTimeOffset? RevokedUtc { get; private set; }

    public bool IsValidAt(DateTimeOffset nowUtc) => RevokedUtc is null && nowUtc < ExpiresUtc;

    /// <summary>Creates a link and its token (32 random bytes, base64url); keep the token, it cannot be read back.</summary>
    public static (RoomGuestLink Link, string Token) Issue(string roomId, string label, string issuedByName, DateTimeOffset issuedUtc, TimeSpan lifetime)
    {
        if (string.IsNullOrWhiteSpace(label) || label.Trim().Length > 64)
        {
            throw new TriageRoomException("label: name the guest's unit in 1 to 64 characters.");
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A guest link must live for some time.");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var at = issuedUtc.ToUniversalTime();
        return (new RoomGuestLink(roomId, HashOf(token), label.Trim(), issuedByName, at, at + lifetime), token);
    }

    public void Revoke(DateTimeOffset atUtc) => RevokedUtc ??= atUtc.ToUniversalTime();

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
