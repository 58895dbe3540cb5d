using System.Collections.Concurrent;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class GlobalLogTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private const int Writers = 8;
    private const int EventsPerWriter = 2_500;

    /// <summary>
    /// Readers that checkpoint by position alone skip events whose transaction committed after a later
    /// position was already read (the bug Marten users hit most). Some writers here hold their transaction
    /// open for a moment after appending, to make such late commits common.
    /// </summary>
    [Fact]
    public async Task a_catch_up_reader_sees_every_event_exactly_once_while_8_writers_append()
    {
        var checkpoint = GlobalCheckpoint.Start;
        var seen = new HashSet<Guid>();
        var lastVersionSeen = new Dictionary<string, long>();
        for (var round = 0; round < 3; round++)
        {
            var appended = new ConcurrentDictionary<Guid, string>();
            var writersDone = 0;
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                try
                {
                    await WriteAsync(round, w, appended);
                }
                finally
                {
                    Interlocked.Increment(ref writersDone);
                }
            })).ToArray();

            var expectedTotal = seen.Count + Writers * EventsPerWriter;
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (seen.Count < expectedTotal || Volatile.Read(ref writersDone) < Writers)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the reader did not catch up");
                var batch = await db.Store.ReadAllAsync(checkpoint, 500);
                foreach (var e in batch)
                {
                    seen.Add(e.EventId).ShouldBeTrue($"event {e.EventId} was read twice");
                    var previous = lastVersionSeen.GetValueOrDefault(e.StreamId);
                    e.Version.ShouldBe(previous + 1, $"stream {e.StreamId} was read out of version order");
                    lastVersionSeen[e.StreamId] = e.Version;
                    checkpoint = e.Checkpoint;
                }

                if (batch.Count == 0)
                {
                    await Task.Delay(1);
                }
            }

            await Task.WhenAll(writers);
            appended.Count.ShouldBe(Writers * EventsPerWriter);
            appended.Keys.Where(id => !seen.Contains(id)).ShouldBeEmpty("events were skipped");
            (await db.Store.ReadAllAsync(checkpoint, 10)).ShouldBeEmpty("the reader saw more events than were appended");
        }
    }

    private async Task WriteAsync(int round, int writer, ConcurrentDictionary<Guid, string> appended)
    {
        var random = new Random(round * 100 + writer);
        var written = 0;
        while (written < EventsPerWriter)
        {
            var stream = $"log-{round}-{random.Next(200)}";
            var count = Math.Min(random.Next(1, 5), EventsPerWriter - written);
            var events = Enumerable.Range(0, count)
                .Select(i => new EventToAppend(new MoneyDeposited(written + i), Guid.NewGuid()))
                .ToArray();
            await using var session = db.Store.OpenSession();
            await session.AppendAsync(stream, "log", ExpectedVersion.Any, events);
            if (random.Next(4) == 0)
            {
                await Task.Delay(random.Next(3));
            }

            await session.CommitAsync();
            foreach (var e in events)
            {
                appended[e.EventId!.Value] = stream;
            }

            written += count;
        }
    }
}
