using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onestop.Errors;

namespace Onestop.Dossiers.Features.Lookup;

/// <summary>Settings under "Dossiers:Lookup" for the citizen status lookup.</summary>
public sealed class LookupOptions
{
    /// <summary>Lookups one client address may make per minute (a burst of this many, refilled over the minute).</summary>
    public int PermitsPerMinute { get; set; } = 20;

    /// <summary>Wrong secrets tried on one dossier code per hour, from any address, before that code is refused for the rest of the hour.</summary>
    public int FailuresPerCodePerHour { get; set; } = 10;
}

/// <summary>
/// Limits status lookups per client address and failed attempts per dossier code, so that neither codes nor
/// secrets can be guessed by volume (32^8 secrets: at 10 tries an hour a code holds for millions of years). Kept
/// in memory: with several host instances each counts its own share. Public so the documents module's result download
/// counts against the same limits (docs/documents.md).
/// </summary>
public sealed class LookupRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> perAddress;
    private readonly PartitionedRateLimiter<string> failuresPerCode;

    public LookupRateLimiter(IOptions<LookupOptions> options)
    {
        var settings = options.Value;
        perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.PermitsPerMinute, TokensPerPeriod = settings.PermitsPerMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0, AutoReplenishment = true,
        }));
        failuresPerCode = PartitionedRateLimiter.Create<string, string>(code => RateLimitPartition.GetFixedWindowLimiter(code, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.FailuresPerCodePerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    /// <summary>Takes a permit for the request's address and checks the code is not locked; throws TooManyRequests if not.</summary>
    public void Admit(HttpContext http, string code)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = perAddress.AttemptAcquire(address);
        if (!lease.IsAcquired)
        {
            throw Refusal("Ông/bà đã tra cứu quá nhiều lần trong một phút. Vui lòng thử lại sau ít phút.");
        }

        // Zero permits asks whether the window still has any, without spending one.
        using var probe = failuresPerCode.AttemptAcquire(Key(code), permitCount: 0);
        if (!probe.IsAcquired)
        {
            throw Refusal("Mã hồ sơ này đã bị nhập sai mã tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ hoặc liên hệ bộ phận một cửa.");
        }
    }

    /// <summary>Counts a wrong secret (or unknown code) against the code.</summary>
    public void Failed(string code)
    {
        using var _ = failuresPerCode.AttemptAcquire(Key(code));
    }

    public void Dispose()
    {
        perAddress.Dispose();
        failuresPerCode.Dispose();
    }

    private static string Key(string code) => code.Trim().ToUpperInvariant();

    private static AppException Refusal(string message) => new(ErrorKind.TooManyRequests, "dossier.lookup_rate_limited", message);
}
