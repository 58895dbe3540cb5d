using Npgsql;
using NpgsqlTypes;

namespace Onestop.TestSupport;

/// <summary>
/// Waits until every transaction begun before the call has ended, so that a gap-free read of the log (or of a
/// feed) sees everything committed so far. Needed because test classes share one cluster: the read stops below the
/// oldest running transaction of any database, and another class's transaction may be holding it back.
/// </summary>
public static class LogHorizon
{
    public static async Task PassAsync(NpgsqlDataSource dataSource, TimeSpan? timeout = null)
    {
        await using var next = dataSource.CreateCommand("select pg_snapshot_xmax(pg_current_snapshot())");
        var target = (ulong)(await next.ExecuteScalarAsync())!;
        await Eventually.Until(
            async () =>
            {
                await using var passed = dataSource.CreateCommand("select pg_snapshot_xmin(pg_current_snapshot()) >= $1");
                passed.Parameters.Add(new NpgsqlParameter { Value = target, NpgsqlDbType = NpgsqlDbType.Xid8 });
                return (bool)(await passed.ExecuteScalarAsync())!;
            },
            passed => passed, timeout, "the transactions begun so far to end");
    }
}
