namespace Dashboard.Core.Storage.ChangeLog;

/// <summary>
/// An aggregate that records what changed while it was modified. The store drains these into
/// change-log rows inside the same SaveChanges, so a change and its log row commit together.
/// </summary>
public interface IChangeLogSource
{
    /// <summary>Changes recorded since the last save, oldest first.</summary>
    IReadOnlyList<ChangeLogEntry> DrainChanges();
}
