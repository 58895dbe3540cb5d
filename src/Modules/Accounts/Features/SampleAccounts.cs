using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onestop.Accounts.Domain;
using Onestop.Messaging.Authorization;

namespace Onestop.Accounts.Features;

/// <summary>
/// The first accounts of an empty table: in Development the sample officials of the sample catalogue's units (one per
/// role), otherwise the administrator <c>admin</c> when <c>Auth:InitialAdministrator:Password</c> is set.
/// </summary>
public sealed class SampleAccounts(AccountStore accounts, IOptions<AccountsOptions> options, ILogger<SampleAccounts> logger)
{
    public static IReadOnlyList<(string UserName, string DisplayName, string Unit, string Role)> Officials { get; } =
    [
        ("admin", "Quản trị hệ thống", "000.00.00.H51", Roles.Administrator),
        ("tiepnhan", "Nguyễn Thị Lan", "001.32.00.H51", Roles.DeskOfficer),
        ("chuyenvien", "Trần Văn Minh", "001.32.00.H51", Roles.Specialist),
        ("lanhdao", "Lê Hoàng Nam", "001.32.00.H51", Roles.Leader),
        ("kiemsoat", "Phạm Thị Hồng", "000.00.00.H51", Roles.CatalogueController),
        ("thongke", "Võ Quốc Bảo", "000.00.32.H51", Roles.StatisticsViewer),
        ("kiemtoan", "Đặng Thu Hà", "000.00.00.H51", Roles.Auditor),
    ];

    public async Task CreateIfEmptyAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        if (settings.SampleAccounts.Enabled)
        {
            var hash = PasswordHashing.Hash(settings.SampleAccounts.Password, settings.PasswordIterations);
            foreach (var (userName, displayName, unit, role) in Officials)
            {
                await accounts.CreateAsync(userName, displayName, unit, [role], hash, cancellationToken);
            }

            logger.LogInformation("No accounts yet: created the {Count} sample officials (Auth:SampleAccounts)", Officials.Count);
        }
        else if (settings.InitialAdministrator.Password is { Length: > 0 } password)
        {
            await accounts.CreateAsync("admin", "Quản trị hệ thống", settings.InitialAdministrator.Unit, [Roles.Administrator],
                PasswordHashing.Hash(password, settings.PasswordIterations), cancellationToken);
            logger.LogInformation("No accounts yet: created the administrator 'admin' (Auth:InitialAdministrator)");
        }
        else
        {
            logger.LogWarning("No accounts yet: set Auth__InitialAdministrator__Password to create the administrator 'admin'");
        }
    }
}
