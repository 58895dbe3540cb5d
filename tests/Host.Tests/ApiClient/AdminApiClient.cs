using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onestop.Host.Tests.ApiClient;

/// <summary>
/// The hand-written half of the generated client (AdminApiClient.g.cs is NSwag's and is never edited): enums travel as
/// their camelCase names, as the host writes them, in lists too where NSwag puts no converter; unset properties are not sent; responses are read as
/// text first, so that an ApiException carries the problem the host answered and a failing test says why.
/// </summary>
public partial class AdminApiClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        // A property left unset is left out, so that the host applies its default (a null is not "the default channel").
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }

    partial void Initialize() => ReadResponseAsString = true;
}
