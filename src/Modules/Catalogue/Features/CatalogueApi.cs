using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Catalogue.Features.Procedures;
using Onestop.Messaging.Http;

namespace Onestop.Catalogue.Features;

/// <summary>REST for the admin UI under /api/catalogue. Reading is open to anyone (the catalogue is public); changes need a catalogue controller.</summary>
internal static class CatalogueApi
{
    public static RouteGroupBuilder MapCatalogueApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/catalogue").WithTags("Catalogue");

        api.MapGet("/fields", (IMediator m, CancellationToken ct) => m.Send(new ListFields(), ct)).AccessOf<ListFields>();
        api.MapPost("/fields", (DefineField command, IMediator m, CancellationToken ct) => m.Send(command, ct)).AccessOf<DefineField>();
        api.MapGet("/units", (IMediator m, CancellationToken ct) => m.Send(new ListUnits(), ct)).AccessOf<ListUnits>();
        api.MapPost("/units", (RegisterUnit command, IMediator m, CancellationToken ct) => m.Send(command, ct)).AccessOf<RegisterUnit>();
        api.MapPut("/units/{code}/procedures", (string code, string[] procedureCodes, IMediator m, CancellationToken ct) =>
            m.Send(new AssignUnitProcedures(code, procedureCodes), ct)).AccessOf<AssignUnitProcedures>();

        api.MapGet("/procedures", (string? field, string? unit, string? online, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
            m.Send(new ListProcedures(field, unit, ParseOptional<OnlineLevel>(online, "online"), page ?? 1, pageSize ?? 50), ct)).AccessOf<ListProcedures>();
        api.MapPost("/procedures", async (PublishProcedure command, IMediator m, CancellationToken ct) =>
            Results.Created($"/api/catalogue/procedures/{command.Code}", await m.Send(command, ct)))
            .Produces<ProcedureChanged>(StatusCodes.Status201Created).AccessOf<PublishProcedure>();
        api.MapGet("/procedures/{code}", (string code, DateOnly? asOf, int? version, IMediator m, CancellationToken ct) =>
            m.Send(new GetProcedure(code, asOf, version), ct)).AccessOf<GetProcedure>();
        api.MapGet("/procedures/{code}/diff", (string code, int from, int to, IMediator m, CancellationToken ct) =>
            m.Send(new DiffProcedureVersions(code, from, to), ct)).AccessOf<DiffProcedureVersions>();
        api.MapPost("/procedures/{code}/amendments", (string code, ChangeBody<ProcedureContent> body, IMediator m, CancellationToken ct) =>
            m.Send(new AmendProcedure(code, body.Value, body.Decision), ct)).AccessOf<AmendProcedure>();
        api.MapPost("/procedures/{code}/replacement", (string code, ReplacementBody body, IMediator m, CancellationToken ct) =>
            m.Send(new ReplaceProcedure(code, body.ReplacementCode, body.Decision), ct)).AccessOf<ReplaceProcedure>();
        api.MapPost("/procedures/{code}/suspension", (string code, SuspensionBody body, IMediator m, CancellationToken ct) =>
            m.Send(new SuspendProcedure(code, body.Reason, body.Decision), ct)).AccessOf<SuspendProcedure>();
        api.MapPost("/procedures/{code}/reinstatement", (string code, DecisionBody body, IMediator m, CancellationToken ct) =>
            m.Send(new ReinstateProcedure(code, body.Decision), ct)).AccessOf<ReinstateProcedure>();
        api.MapPost("/procedures/{code}/repeal", (string code, DecisionBody body, IMediator m, CancellationToken ct) =>
            m.Send(new RepealProcedure(code, body.Decision), ct)).AccessOf<RepealProcedure>();
        return api;
    }

    /// <summary>Enum query parameters are read case-insensitively ("full", "Full"); anything else is a validation error.</summary>
    internal static TEnum? ParseOptional<TEnum>(string? value, string parameter)
        where TEnum : struct, Enum =>
        value is null ? null
        : Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw Onestop.Errors.AppException.Validation(parameter,
            $"Giá trị '{value}' không hợp lệ; chọn một trong: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");

    internal sealed record ChangeBody<T>(T Value, AnnouncingDecision Decision);

    internal sealed record ReplacementBody(string ReplacementCode, AnnouncingDecision Decision);

    internal sealed record SuspensionBody(string Reason, AnnouncingDecision Decision);

    internal sealed record DecisionBody(AnnouncingDecision Decision);
}
