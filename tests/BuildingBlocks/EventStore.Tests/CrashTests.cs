using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Onestop.EventStore.CrashWriter;
using Onestop.EventStore.Hashing;
using Onestop.EventStore.Projections;
using Onestop.TestSupport;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

/// <summary>A real child process, killed with SIGKILL: no finally block, no rollback from the client side.</summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int BatchSize = 3_000;
    private readonly EventStoreDatabase db = new();

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await CountingProjection.CreateTableAsync(db.DataSource);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task a_writer_killed_during_a_batch_append_leaves_all_or_nothing_of_that_batch()
    {
        var random = new Random(7);
        var killedMidBatch = 0;
        for (var run = 0; run < 12 && killedMidBatch < 3; run++)
        {
            var prefix = $"crash{run}";
            using var child = StartChild("append", db.ConnectionString, prefix, BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var batch = 1 + random.Next(3);
            await WaitForLineAsync(child, $"appending {batch}");
            await Task.Delay(random.Next(1, 40));
            child.Kill();
            await child.WaitForExitAsync();
            var rest = await child.StandardOutput.ReadToEndAsync();

            var counts = await StreamLengthsAsync(prefix);
            counts.ShouldNotBeEmpty();
            counts.ShouldAllBe(count => count == BatchSize, "a killed batch left part of its events");
            // Only a kill before the batch reported its commit tests the all-or-nothing promise: count those.
            killedMidBatch += rest.Contains($"committed {batch}", StringComparison.Ordinal) ? 0 : 1;
        }

        killedMidBatch.ShouldBe(3, "the kills kept missing the batch appends");
        (await new HashChainVerifier(db.DataSource).VerifyAllAsync()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task a_projection_killed_mid_batch_resumes_without_losing_or_doubling_an_effect()
    {
        var store = new EventStore(db.DataSource, CountingProjection.Registry(), [], db.Notifier);
        for (var s = 0; s < 30; s++)
        {
            await store.AppendAsync($"projected-{s}", "count", ExpectedVersion.NoStream,
                Enumerable.Range(0, 40).Select(i => (object)new Counted(i)).ToArray());
        }

        await LogHorizon.PassAsync(db.DataSource);
        using (var child = StartChild("project", db.ConnectionString))
        {
            await WaitForLineAsync(child, "batch", occurrence: 3);
            await Task.Delay(50);
            child.Kill();
            await child.WaitForExitAsync();
        }

        var checkpoint = await ProjectionRunner.GetCheckpointAsync(db.DataSource, "test-counting");
        checkpoint.Position.ShouldBeGreaterThan(0, "the child committed no batch before it was killed");
        var partial = await db.ScalarAsync($"select coalesce(sum(events), 0) from {CountingProjection.Table}");
        var upToCheckpoint = await db.ScalarAsync("select count(*) from es_events where position <= $1", checkpoint.Position);
        partial.ShouldBe(upToCheckpoint, "the read model and its checkpoint disagree after the kill");

        var runner = new ProjectionRunner(new CountingProjection(TimeSpan.Zero), db.DataSource, store.Types, db.Notifier, new ProjectionOptions(), NullLogger.Instance);
        await LogHorizon.PassAsync(db.DataSource);
        await runner.CatchUpAsync();

        var wrong = await db.ScalarAsync(
            $"""
            select count(*) from (select stream_id, max(version) as version from es_events group by stream_id) s
            full join {CountingProjection.Table} c on c.stream_id = s.stream_id where c.events is distinct from s.version
            """);
        wrong.ShouldBe(0);
    }

    private async Task<List<long>> StreamLengthsAsync(string prefix)
    {
        var lengths = new List<long>();
        await using var command = db.DataSource.CreateCommand("select count(*) from es_events where stream_id like $1 group by stream_id");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = prefix + "-%" });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lengths.Add(reader.GetInt64(0));
        }

        return lengths;
    }

    private static Process StartChild(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Onestop.EventStore.CrashWriter.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task WaitForLineAsync(Process child, string prefix, int occurrence = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = 0;
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal) && ++seen == occurrence)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The child exited before printing '{prefix}': {await child.StandardError.ReadToEndAsync()}");
    }
}
