namespace Dashboard.Core.Live;

/// <summary>
/// Tells the live path that change-log rows may have been committed, so it reads the log now instead of at
/// its next poll. Calling it without a new row is harmless (one cheap query).
/// </summary>
/// <remarks>
/// The store calls it itself: <see cref="Storage.StoreServiceCollectionExtensions.AddCityStore"/> adds
/// <see cref="ChangeLogCommitNotifier"/> to every context, which notifies after each commit. Code that writes
/// change-log rows some other way (raw SQL, another process) needs nothing either: the poll fallback, and on
/// PostgreSQL <c>LISTEN citybrain_changes</c>, pick those up.
/// </remarks>
public interface IChangeLogSignal
{
    void Notify();
}

/// <summary>
/// An in-process wake-up that any number of readers can wait on. A reader takes <see cref="NextNotification"/>
/// before it reads the log, so a notify that lands during the read is never lost.
/// </summary>
public sealed class ChangeLogSignal : IChangeLogSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Notify"/> after it was taken.</summary>
    public Task NextNotification => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
