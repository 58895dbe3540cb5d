using Npgsql;
using Onestop.Postgres;

namespace Onestop.EventStore;

/// <summary>
/// Wakes log subscribers when events commit. In-process waiters are woken at once; other hosts through
/// PostgreSQL NOTIFY, sent after the commit from a separate connection and coalesced, because a NOTIFY inside
/// the append's transaction would serialise every commit on the notify queue's lock.
/// </summary>
public sealed class EventNotifier(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const string Channel = "es_events";
    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim pending = new(0, 1);
    private TaskCompletionSource signal = NewSignal();
    private int senderStarted;
    private int listenerStarted;
    private int notificationDue;

    /// <summary>Completes at the next commit (here or, once listening, on any host). Take it before reading, then await it.</summary>
    public Task NextCommit => Volatile.Read(ref signal).Task;

    /// <summary>Called after a commit that appended events.</summary>
    public void Committed()
    {
        Wake();
        if (Interlocked.Exchange(ref senderStarted, 1) == 0)
        {
            _ = Task.Run(SendNotificationsAsync);
        }

        // At most one notification is due at a time; it covers every commit made before it is sent.
        if (Interlocked.Exchange(ref notificationDue, 1) == 0)
        {
            pending.Release();
        }
    }

    /// <summary>Starts listening for commits made by other hosts (idempotent).</summary>
    public void StartListening()
    {
        if (Interlocked.Exchange(ref listenerStarted, 1) == 0)
        {
            _ = Task.Run(ListenAsync);
        }
    }

    private void Wake() => Interlocked.Exchange(ref signal, NewSignal()).TrySetResult();

    private async Task SendNotificationsAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await pending.WaitAsync(token);
                Volatile.Write(ref notificationDue, 0);
                await using (var command = dataSource.CreateCommand($"notify {Channel}"))
                {
                    await command.ExecuteNonQueryAsync(token);
                }

                await Task.Delay(CoalesceWindow, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NpgsqlException)
            {
                // Subscribers also poll; a lost notification only delays them.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private async Task ListenAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                try
                {
                    connection.Notification += (_, _) => Wake();
                    await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(token);
                    }

                    // Commits made while no connection listened were not notified: waiters read again now.
                    Wake();

                    while (!token.IsCancellationRequested)
                    {
                        await connection.WaitAsync(token);
                    }
                }
                finally
                {
                    // Pooled connections are not reset: the next user must not receive our notifications.
                    await SessionState.ClearAsync(connection);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        stopping.Dispose();
    }
}
