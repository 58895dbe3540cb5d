using System.Net;
using System.Text;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace Onestop.Catalogue.Tests.Features;

/// <summary>The flat parts of the catalogue back from CSV, as a controller edits them in a spreadsheet.</summary>
public sealed class CsvImportTests
{
    [Fact]
    public async Task re_importing_the_exported_csv_parts_changes_nothing()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());
        var before = await host.CountAsync();

        foreach (var part in new[] { "fields", "units", "assignments" })
        {
            var summary = await ImportOkAsync(host, part, await host.Client.GetByteArrayAsync($"/api/catalogue/export/{part}.csv"));
            summary.GetProperty("eventsAppended").GetInt32().ShouldBe(0, part);
        }

        (await host.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_renamed_field_and_a_moved_unit_are_imported_and_the_export_shows_them()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());
        var fields = await host.Client.GetStringAsync("/api/catalogue/export/fields.csv");

        var summary = await ImportOkAsync(host, "fields", Encoding.UTF8.GetBytes(
            fields.Replace("TP-HT,Tư pháp – Hộ tịch,", "TP-HT,\"Tư pháp, Hộ tịch\",", StringComparison.Ordinal)));

        summary.GetProperty("fieldsDefined").GetInt32().ShouldBe(1);
        (await host.Client.GetStringAsync("/api/catalogue/export/fields.csv")).ShouldContain("\r\nTP-HT,\"Tư pháp, Hộ tịch\",");
        (await ImportOkAsync(host, "fields", Encoding.UTF8.GetBytes(await host.Client.GetStringAsync("/api/catalogue/export/fields.csv"))))
            .GetProperty("eventsAppended").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task an_assignments_file_replaces_the_procedures_of_the_units_it_lists_and_leaves_the_others()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());
        var rows = (await host.Client.GetStringAsync("/api/catalogue/export/assignments.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var unit = rows[1].Split(',')[0];
        var others = rows.Skip(1).Where(r => !r.StartsWith(unit + ",", StringComparison.Ordinal)).ToList();
        var kept = rows.Skip(1).Where(r => r.StartsWith(unit + ",", StringComparison.Ordinal)).Take(2).ToList();

        var summary = await ImportOkAsync(host, "assignments", Encoding.UTF8.GetBytes(string.Join("\n", [rows[0], .. kept]) + "\n"));

        summary.GetProperty("assignmentsChanged").GetInt32().ShouldBe(1);
        var after = (await host.Client.GetStringAsync("/api/catalogue/export/assignments.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        after.Where(r => r.StartsWith(unit + ",", StringComparison.Ordinal)).ShouldBe(kept);
        after.Where(r => !r.StartsWith(unit + ",", StringComparison.Ordinal)).ShouldBe(others);
    }

    [Fact]
    public async Task each_bad_cell_is_reported_with_its_line_and_column_and_nothing_is_committed()
    {
        await using var host = await ImportHost.StartAsync();
        await host.ImportOkAsync(ImportHost.Sample());
        var before = await host.CountAsync();

        var fields = await ProblemAsync(host, "fields", "code,name,order\r\nNEW-1,Lĩnh vực mới,17\r\nNEW-2,Lĩnh vực khác,mười\r\nNEW-3,,19\r\n");
        var units = await ProblemAsync(host, "units",
            "code,name,kind,parentCode,address\r\n000.99.01.H51,Xã Mới,village,,\r\n000.99.02.H51,Xã Khác,commune,000.00.00.KHONG,\r\n");
        var assignments = await ProblemAsync(host, "assignments", "unitCode,procedureCode\r\n000.00.00.KHONG,1.001193\r\n");

        fields.Keys.ShouldBe(["line 3.order", "line 4.name"], ignoreOrder: true);
        fields["line 3.order"].ShouldContain("'mười' không phải là số nguyên.");
        units.Keys.ShouldBe(["line 2.kind", "line 3.parentCode"], ignoreOrder: true);
        assignments.Keys.ShouldBe(["line 2.unitCode"]);
        (await host.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_wrong_header_an_unclosed_quote_and_the_procedures_part_are_refused_clearly()
    {
        await using var host = await ImportHost.StartAsync();

        (await ProblemAsync(host, "fields", "ma,ten\r\nX,Y\r\n")).Keys.ShouldBe(["line 1"]);
        (await ProblemAsync(host, "fields", "code,name,order\r\nX,\"không đóng,1\r\n")).Keys.ShouldBe(["file"]);
        using var procedures = await PostAsync(host, "procedures", "code\r\n1.001193\r\n");
        procedures.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> PostAsync(ImportHost host, string part, string csv) =>
        host.Client.PostAsync($"/api/catalogue/import/{part}.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement> ImportOkAsync(ImportHost host, string part, byte[] csv)
    {
        using var response = await host.Client.PostAsync($"/api/catalogue/import/{part}.csv", new ByteArrayContent(csv));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Dictionary<string, string>> ProblemAsync(ImportHost host, string part, string csv)
    {
        using var response = await PostAsync(host, part, csv);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString())));
    }
}
