using Npgsql;

namespace Onestop.Postgres;

/// <summary>
/// Pooled connections are not reset when they go back to the pool (see <see cref="PlatformDatabase.CreateDataSource"/>),
/// so code that leaves session state on a connection (a session-level advisory lock, LISTEN) clears it with this
/// before closing the connection.
/// </summary>
public static class SessionState
{
    /// <summary>
    /// Releases every session-level advisory lock and listen of <paramref name="connection"/>, whatever the caller was
    /// cancelled by. If that fails on a connection that is still open, the pool is told to close the connection rather
    /// than hand it out again (with the pool's idle connections: this is the exceptional path).
    /// </summary>
    public static async Task ClearAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            // Closed or broken: the session, and its locks, ended with it.
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock_all(); unlisten *", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                NpgsqlConnection.ClearPool(connection);
            }
        }
    }
}
