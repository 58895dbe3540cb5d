using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;
using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Projections;
using Onestop.Errors;
using Onestop.EventStore;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Catalogue.Features.FieldsAndUnits;

[AllowedRoles(Roles.CatalogueController)]
public sealed record DefineField(string Code, string Name, int Order = 0) : ICommand<FieldView>;

[AllowedRoles(Roles.CatalogueController)]
public sealed record RegisterUnit(string Code, string Name, UnitKind Kind, string? ParentCode = null, string? Address = null) : ICommand<UnitView>;

/// <summary>Replaces the list of procedures a unit receives dossiers for.</summary>
[AllowedRoles(Roles.CatalogueController)]
public sealed record AssignUnitProcedures(string UnitCode, IReadOnlyList<string> ProcedureCodes) : ICommand<UnitView>;

public sealed record ListFields : IQuery<IReadOnlyList<FieldView>>;

public sealed record ListUnits : IQuery<IReadOnlyList<UnitView>>;

public sealed record FieldView(string Code, string Name, string Slug, int Order, int ProcedureCount);

public sealed record UnitView(string Code, string Name, UnitKind Kind, string? ParentCode, string? Address, int ProcedureCount);

internal sealed class DefineFieldValidator : AbstractValidator<DefineField>
{
    public DefineFieldValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage("Thiếu mã lĩnh vực.").Matches("^[0-9A-Za-z._-]{1,32}$").WithMessage("Mã lĩnh vực chỉ gồm chữ, số, dấu chấm, gạch.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Thiếu tên lĩnh vực.").MaximumLength(200);
    }
}

internal sealed class RegisterUnitValidator : AbstractValidator<RegisterUnit>
{
    public RegisterUnitValidator()
    {
        // Mã định danh điện tử (Decision 20/2020/QĐ-TTg): letters, digits and dots, e.g. "H27.01" or "000.00.12.H27".
        RuleFor(c => c.Code).NotEmpty().WithMessage("Thiếu mã định danh đơn vị.").Matches("^[0-9A-Za-z.]{2,32}$").WithMessage("Mã định danh chỉ gồm chữ, số và dấu chấm.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Thiếu tên đơn vị.").MaximumLength(300);
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Loại đơn vị không hợp lệ.");
    }
}

internal sealed class FieldsAndUnitsHandler(EventStoreSession session, RequestContext context, CatalogueQueries queries, NpgsqlDataSource dataSource) :
    IRequestHandler<DefineField, FieldView>,
    IRequestHandler<RegisterUnit, UnitView>,
    IRequestHandler<AssignUnitProcedures, UnitView>,
    IRequestHandler<ListFields, IReadOnlyList<FieldView>>,
    IRequestHandler<ListUnits, IReadOnlyList<UnitView>>
{
    public async Task<FieldView> Handle(DefineField command, CancellationToken cancellationToken)
    {
        var defined = new FieldDefined(command.Code, command.Name.Trim(), VietnameseText.Slug(command.Name), command.Order);
        await session.AppendAsync(CatalogueStreams.FieldId(command.Code), CatalogueStreams.Field, ExpectedVersion.Any, [defined], context.ToEventMetadata(), cancellationToken);
        return new FieldView(defined.Code, defined.Name, defined.Slug, defined.Order, 0);
    }

    public async Task<UnitView> Handle(RegisterUnit command, CancellationToken cancellationToken)
    {
        if (command.ParentCode is not null && !await queries.UnitExistsAsync(command.ParentCode, cancellationToken))
        {
            throw AppException.Validation("parentCode", $"Không có đơn vị cấp trên mã {command.ParentCode}.");
        }

        var registered = new UnitRegistered(command.Code, command.Name.Trim(), command.Kind, command.ParentCode, command.Address);
        await session.AppendAsync(CatalogueStreams.UnitId(command.Code), CatalogueStreams.Unit, ExpectedVersion.Any, [registered], context.ToEventMetadata(), cancellationToken);
        return new UnitView(registered.Code, registered.Name, registered.Kind, registered.ParentCode, registered.Address, 0);
    }

    public async Task<UnitView> Handle(AssignUnitProcedures command, CancellationToken cancellationToken)
    {
        var unit = (await Handle(new ListUnits(), cancellationToken)).FirstOrDefault(u => u.Code == command.UnitCode)
            ?? throw AppException.NotFound("catalogue.unit_not_found", $"Không có đơn vị mã {command.UnitCode}.");
        var codes = command.ProcedureCodes.Distinct().ToList();
        var missing = await queries.MissingProceduresAsync(codes, cancellationToken);
        if (missing.Length > 0)
        {
            throw AppException.Validation(missing.Select(code => new FieldError($"procedureCodes[{command.ProcedureCodes.ToList().IndexOf(code)}]", $"Không có thủ tục mã {code}.")).ToList());
        }

        await session.AppendAsync(CatalogueStreams.UnitId(command.UnitCode), CatalogueStreams.Unit, ExpectedVersion.Any,
            [new UnitProceduresAssigned(command.UnitCode, codes)], context.ToEventMetadata(), cancellationToken);
        return unit with { ProcedureCount = codes.Count };
    }

    public async Task<IReadOnlyList<FieldView>> Handle(ListFields query, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<FieldView>(
            """
            select f.code, f.name, f.slug, f.sort_order as "order", count(p.code)::int as procedurecount
            from catalogue_fields f left join catalogue_procedures p on p.field_code = f.code and p.status not in ('Repealed', 'Replaced')
            group by f.code order by f.sort_order, f.name
            """);
        return rows.ToList();
    }

    public async Task<IReadOnlyList<UnitView>> Handle(ListUnits query, CancellationToken cancellationToken)
    {
        await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await db.QueryAsync<(string Code, string Name, string Kind, string? ParentCode, string? Address, int Count)>(
            """
            select u.code, u.name, u.kind, u.parent_code, u.address, count(up.procedure_code)::int
            from catalogue_units u left join catalogue_unit_procedures up on up.unit_code = u.code
            group by u.code order by u.code
            """);
        return rows.Select(r => new UnitView(r.Code, r.Name, Enum.Parse<UnitKind>(r.Kind), r.ParentCode, r.Address, r.Count)).ToList();
    }
}
