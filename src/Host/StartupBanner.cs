using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Onestop.Host;

/// <summary>Tells whoever started the platform where to find it.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, ILogger logger)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            logger.LogInformation("Platform listening on {Address}", address);
            logger.LogInformation("  health: {Live} and {Ready}", $"{address}/health/live", $"{address}/health/ready");
        }
    }
}
