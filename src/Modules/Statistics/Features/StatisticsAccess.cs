using MediatR;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Errors;
using Onestop.Messaging;
using Onestop.Messaging.Authorization;

namespace Onestop.Statistics.Features;

/// <summary>
/// Which units' figures an official may see: their own unit and those below it (a province sees its communes, a
/// commune only itself), and the weekly ranking of the group their unit belongs to. Administrators, auditors and
/// integrating systems see every unit.
/// </summary>
internal sealed class StatisticsAccess(IMediator mediator, RequestContext context)
{
    public async Task EnsureReportAsync(string unit, CancellationToken cancellationToken)
    {
        if (Unrestricted || context.Unit == unit)
        {
            return;
        }

        var parents = await ParentsAsync(cancellationToken);
        if (context.Unit is not { } own || !IsAncestor(own, unit, parents))
        {
            throw AppException.Forbidden("statistics.other_unit",
                $"Tài khoản của đơn vị {context.Unit ?? "(chưa xác định)"} chỉ xem được số liệu của đơn vị mình và các đơn vị trực thuộc, không xem được số liệu của đơn vị {unit}.");
        }
    }

    /// <summary>A ranking compares the units under <paramref name="parentUnit"/>: for the officials of those units and above.</summary>
    public async Task EnsureRankingAsync(string parentUnit, CancellationToken cancellationToken)
    {
        if (Unrestricted || context.Unit == parentUnit)
        {
            return;
        }

        var parents = await ParentsAsync(cancellationToken);
        if (context.Unit is not { } own || !(IsAncestor(parentUnit, own, parents) || IsAncestor(own, parentUnit, parents)))
        {
            throw AppException.Forbidden("statistics.other_unit",
                $"Tài khoản của đơn vị {context.Unit ?? "(chưa xác định)"} không thuộc nhóm đơn vị được xếp hạng dưới {parentUnit}.");
        }
    }

    private bool Unrestricted => context.IsSystem || context.HasRole(Roles.Auditor);

    private async Task<IReadOnlyDictionary<string, string?>> ParentsAsync(CancellationToken cancellationToken) =>
        (await mediator.Send(new ListUnits(), cancellationToken)).ToDictionary(u => u.Code, u => u.ParentCode);

    private static bool IsAncestor(string ancestor, string unit, IReadOnlyDictionary<string, string?> parents)
    {
        var seen = new HashSet<string>();
        for (var current = parents.GetValueOrDefault(unit); current is not null && seen.Add(current); current = parents.GetValueOrDefault(current))
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
