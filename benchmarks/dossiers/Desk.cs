using System.Net.Http.Headers;
using System.Text.Json;

namespace Onestop.Dossiers.Benchmarks;

/// <summary>
/// The REST side of the benchmark as officials see it (the development identity headers), and the catalogue it
/// needs: one field, a province and its communes as receiving units, one procedure in force.
/// </summary>
internal static class Desk
{
    public const string ProcedureCode = "1.000893";
    public const string Province = "000.00.00.H27";

    public static IReadOnlyList<string> Communes(int count) => Enumerable.Range(1, count).Select(i => $"000.00.{i:00}.H27").ToList();

    /// <summary>A POST with a JSON body, as an official with one role at a unit.</summary>
    public static HttpRequestMessage Post(string path, byte[] json, string login, string role, string unit)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Onestop-User", login);
        request.Headers.Add("X-Onestop-Unit", unit);
        request.Headers.Add("X-Onestop-Roles", role);
        return request;
    }

    public static byte[] Json(object body) => JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);

    /// <summary>Registered by a catalogue controller, as an administrator would before opening the desks.</summary>
    public static async Task SeedAsync(HttpClient http, IReadOnlyList<string> communes, CancellationToken cancellationToken)
    {
        await RegisterAsync(http, "/api/catalogue/fields", new { code = "TP-HT", name = "Tư pháp - Hộ tịch", order = 1 }, cancellationToken);
        await RegisterAsync(http, "/api/catalogue/units", new { code = Province, name = "UBND tỉnh Hà Tĩnh", kind = "province" }, cancellationToken);
        for (var i = 0; i < communes.Count; i++)
        {
            await RegisterAsync(http, "/api/catalogue/units",
                new { code = communes[i], name = $"UBND xã số {i + 1}", kind = "commune", parentCode = Province }, cancellationToken);
        }

        // The shape of the dossier tests' MarriageStatus: 5 working days, the form (TK) required, receivable anywhere.
        await RegisterAsync(http, "/api/catalogue/procedures", new
        {
            code = ProcedureCode,
            content = new
            {
                name = "Cấp Giấy xác nhận tình trạng hôn nhân",
                fieldCode = "TP-HT",
                level = "commune",
                agency = "UBND cấp xã",
                steps = new[] { "Nộp hồ sơ", "Công chức tư pháp - hộ tịch kiểm tra, xác minh", "Chủ tịch UBND ký" },
                channels = new[] { "direct", "online", "post" },
                components = new object[]
                {
                    new { code = "TK", name = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals = 1, copies = 0, required = true },
                    new { code = "LH", name = "Bản sao trích lục ly hôn", originals = 0, copies = 1, required = true, condition = "Nếu đã từng kết hôn và ly hôn" },
                    new { code = "UQ", name = "Văn bản ủy quyền", originals = 1, copies = 0, required = false },
                },
                processingTime = new { workingDays = 5 },
                fees = new[] { new { name = "Lệ phí", amount = 10_000 } },
                legalBasis = new[] { "Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP" },
                result = "Giấy xác nhận tình trạng hôn nhân",
                onlineLevel = "full",
                receivableAnywhere = true,
            },
            decision = new { number = "1/QĐ-UBND", signedOn = "2025-07-01", issuer = "Chủ tịch UBND tỉnh", effectiveFrom = "2025-07-01" },
        }, cancellationToken);
    }

    private static async Task RegisterAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var request = Post(path, Json(body), "kstt.bench", "catalogue_controller", Province);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
