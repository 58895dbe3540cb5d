using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Onestop.Dossiers.Features.Processing;
using Onestop.Dossiers.Features.Queries;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Http;

namespace Onestop.Dossiers.Features;

/// <summary>
/// REST under /api/dossiers. Every response about one dossier carries its stream version as a strong ETag; a
/// transition sent with If-Match is refused with 412 when the dossier has moved on since (docs/dossiers.md).
/// </summary>
internal static class DossierApi
{
    public static RouteGroupBuilder MapDossierApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/dossiers").WithTags("Dossiers");

        api.MapPost("/", (ReceiveDossier command, IMediator m, HttpResponse response, CancellationToken ct) => CreatedAsync(m.Send(command, ct), response))
            .Produces<DossierIntake>(StatusCodes.Status201Created).AccessOf<ReceiveDossier>();
        api.MapPost("/online", (SubmitOnlineDossier command, IMediator m, HttpResponse response, CancellationToken ct) => CreatedAsync(m.Send(command, ct), response))
            .Produces<DossierIntake>(StatusCodes.Status201Created).AccessOf<SubmitOnlineDossier>();
        api.MapGet("/", (string? unit, string? queue, string? status, string? assignee, string? procedure, string? q, int? page, int? pageSize,
                IMediator m, CancellationToken ct) =>
            m.Send(new ListDossiers(unit, ParseOptional<DossierQueue>(queue, "queue") ?? DossierQueue.All, ParseOptional<DossierStatus>(status, "status"),
                assignee, procedure, q, page ?? 1, pageSize ?? 50), ct)).AccessOf<ListDossiers>();
        api.MapGet("/{id:guid}", async (Guid id, IMediator m, HttpResponse response, CancellationToken ct) =>
            Tagged(await m.Send(new GetDossier(id), ct), response)).AccessOf<GetDossier>();
        api.MapGet("/by-code/{code}", async (string code, IMediator m, HttpResponse response, CancellationToken ct) =>
            Tagged(await m.Send(new GetDossierByCode(code), ct), response)).AccessOf<GetDossierByCode>();

        Transition<AcceptOnlineDossier>(api, "acceptance", (id, version, _) => new AcceptOnlineDossier(id, version));
        Transition<RefuseDossier>(api, "refusal", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<RequestSupplement>(api, "supplement-requests", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<ReceiveSupplement>(api, "supplements", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<AssignDossier>(api, "assignments", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<RequestFinancialObligation>(api, "financial-obligations", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<RecordPayment>(api, "payments", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<ProposeDecision>(api, "proposal", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<DecideDossier>(api, "decision", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<MarkResultReady>(api, "result", (id, version, body) => (body ?? new MarkResultReady(id)) with { DossierId = id, ExpectedVersion = version });
        Transition<ReturnResult>(api, "return", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<WithdrawDossier>(api, "withdrawal", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<StopProcessing>(api, "stop", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<ApologiseForDelay>(api, "apology", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        Transition<RateDossier>(api, "rating", (id, version, body) => Required(body) with { DossierId = id, ExpectedVersion = version });
        api.MapPost("/{id:guid}/lookup-secret", async (Guid id, HttpRequest request, IMediator m, HttpResponse response, CancellationToken ct) =>
        {
            var issued = await m.Send(new ReissueLookupSecret(id, IfMatch(request)), ct);
            response.Headers.ETag = ETag(issued.Version);
            return issued;
        }).WithMetadata(OptimisticConcurrencyMetadata.Instance).AccessOf<ReissueLookupSecret>();
        return api;
    }

    /// <summary>A POST on /{id}/{action}: the body (absent for actions without data) becomes the command, If-Match its expected version.</summary>
    private static void Transition<TCommand>(RouteGroupBuilder api, string action, Func<Guid, long?, TCommand?, TCommand> bind)
        where TCommand : class, ICommand<DossierChanged>
    {
        api.MapPost($"/{{id:guid}}/{action}", async (Guid id, TCommand? body, HttpRequest request, HttpResponse response, IMediator m, CancellationToken ct) =>
        {
            var changed = await m.Send(bind(id, IfMatch(request), body), ct);
            response.Headers.ETag = ETag(changed.Version);
            return changed;
        }).WithName(typeof(TCommand).Name).WithMetadata(OptimisticConcurrencyMetadata.Instance).AccessOf<TCommand>();
    }

    private static T Required<T>(T? body)
        where T : class => body ?? throw AppException.Validation("body", "Thiếu nội dung yêu cầu.");

    private static async Task<IResult> CreatedAsync(Task<DossierIntake> intake, HttpResponse response)
    {
        var created = await intake;
        response.Headers.ETag = ETag(created.Version);
        return Results.Created($"/api/dossiers/{created.Id}", created);
    }

    private static DossierView Tagged(DossierView view, HttpResponse response)
    {
        response.Headers.ETag = ETag(view.Version);
        return view;
    }

    internal static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version from If-Match ("3", W/"3"); none or "*" acts on the latest version.</summary>
    internal static long? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value is "" or "*")
        {
            return null;
        }

        var tag = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && long.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw AppException.Validation("If-Match", $"Tiêu đề If-Match '{value}' không hợp lệ; gửi lại ETag của hồ sơ, ví dụ \"3\".");
    }

    /// <summary>Enum query parameters are read case-insensitively, dashes ignored ("due-soon", "dueSoon").</summary>
    private static TEnum? ParseOptional<TEnum>(string? value, string parameter)
        where TEnum : struct, Enum =>
        value is null ? null
        : Enum.TryParse<TEnum>(value.Replace("-", ""), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw AppException.Validation(parameter,
            $"Giá trị '{value}' không hợp lệ; chọn một trong: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
}
