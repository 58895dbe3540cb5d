using System.Net.Http.Json;
using System.Text.Json;
using Onestop.Messaging.Authorization;
using Onestop.TestSupport;
using Shouldly;

namespace Onestop.Documents.Tests.Features;

/// <summary>Takes a dossier of <see cref="DocumentsApp"/> through its whole life over REST, with documents attached on the way.</summary>
public static class ArchiveDossiers
{
    public static TestOfficial Auditor { get; } = new("kiem.tra", DocumentsApp.Desk, Roles.Auditor);

    /// <summary>Receives a dossier, attaches one document per component given, and returns its id and code.</summary>
    public static async Task<(Guid Id, string Code)> ReceiveWithDocumentsAsync(DocumentsApp app, params (string Component, byte[] Bytes, string FileName)[] documents)
    {
        var id = await app.ReceiveDossierAsync();
        foreach (var (component, bytes, fileName) in documents)
        {
            var document = (await app.UploadOkAsync(bytes, fileName)).GetProperty("id").GetGuid();
            await OkAsync(app, $"/api/documents/{document}/attachments", new { dossierId = id, componentCode = component });
        }

        var dossier = await app.Client.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        return (id, dossier.GetProperty("code").GetString()!);
    }

    /// <summary>Assign, propose, decide, result, return: the dossier ends Returned.</summary>
    public static async Task ReturnAsync(DocumentsApp app, Guid id)
    {
        await OkAsync(app, $"/api/dossiers/{id}/assignments", new { stepName = "Thẩm định hồ sơ", unit = DocumentsApp.Desk, assignee = "hoa.pt", workingDays = 3 });
        await OkAsync(app, $"/api/dossiers/{id}/proposal", new { outcome = "approve", summary = "Đủ điều kiện cấp giấy xác nhận" });
        await OkAsync(app, $"/api/dossiers/{id}/decision", new { outcome = "approve", reasons = "Đủ điều kiện theo quy định", documentNumber = "15/XN-UBND" });
        await OkAsync(app, $"/api/dossiers/{id}/result", null);
        await OkAsync(app, $"/api/dossiers/{id}/return", new { method = "desk", recipient = "Nguyễn Thị Lan" });
    }

    private static async Task OkAsync(DocumentsApp app, string path, object? body)
    {
        using var response = body is null ? await app.Client.PostAsync(path, null) : await app.PostAsync(path, body);
        response.IsSuccessStatusCode.ShouldBeTrue($"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
