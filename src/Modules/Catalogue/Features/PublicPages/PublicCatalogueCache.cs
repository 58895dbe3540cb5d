using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Projections;
using Onestop.EventStore;
using Onestop.EventStore.Projections;

namespace Onestop.Catalogue.Features.PublicPages;

/// <summary>
/// Rendered public pages and small lookups, kept until the catalogue changes or the day turns (the version in force
/// may change at midnight), and at most <see cref="MaxAge"/> in any case: this process learns of changes through
/// <see cref="PublicCatalogueChanges"/>, other instances of the host only through that bound.
/// </summary>
public sealed class PublicCatalogueCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private long stamp;

    public long Stamp => Interlocked.Read(ref stamp);

    public void CatalogueChanged() => Interlocked.Increment(ref stamp);

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> create)
    {
        var entryKey = (key, Stamp, VietnamTime.Today(clock));
        if (cache.TryGetValue(entryKey, out T? value))
        {
            return value!;
        }

        value = await create();
        cache.Set(entryKey, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MaxAge });
        return value;
    }

    public void Dispose() => cache.Dispose();
}

/// <summary>
/// Tells the page cache that the catalogue changed. It runs inside the append's transaction, before the commit, so a
/// page read in that instant may keep the old content until <see cref="PublicCatalogueCache.MaxAge"/>.
/// </summary>
internal sealed class PublicCatalogueChanges(PublicCatalogueCache cache) : IInlineProjection
{
    public IReadOnlySet<string> StreamTypes { get; } = new HashSet<string> { CatalogueStreams.Procedure, CatalogueStreams.Field, CatalogueStreams.Unit };

    public Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        cache.CatalogueChanged();
        return Task.CompletedTask;
    }
}
