using MediatR;
using Microsoft.Extensions.Options;
using Onestop.Catalogue.Features.FieldsAndUnits;
using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Queries;
using Onestop.Dossiers.Projections;
using Onestop.Errors;
using Onestop.EventStore;

namespace Onestop.Dossiers.Features.Forms;

/// <summary>
/// A dossier with what its forms print beyond the detail view: the events (reasons, notes, who handed over to whom),
/// the folded state (the lookup secret's hash) and the catalogue's units for the headers.
/// </summary>
internal sealed record DossierPaper(
    DossierView View, Dossier State, IReadOnlyList<RecordedEvent> Events, IReadOnlyDictionary<string, UnitView> Units, string Place)
{
    public const string NotApplicableCode = "dossier.form_not_applicable";

    public string UnitName(string code) => Units.GetValueOrDefault(code)?.Name ?? code;

    public FormHeader Header(string unitCode, DateTimeOffset issuedAt) => FormHeader.For(Units, unitCode, Place, issuedAt);

    /// <summary>The latest event of a kind with its version, or none.</summary>
    public (T Event, long Version)? Latest<T>()
        where T : class =>
        Events.LastOrDefault(e => e.Data is T) is { } recorded ? ((T)recorded.Data, recorded.Version) : null;

    /// <summary>The dossier as it was just before an event, e.g. the appointment an apology moved.</summary>
    public Dossier Before(long version) =>
        Events.Where(e => e.Version < version).Aggregate((Dossier?)null, (state, e) => Dossier.Apply(state, e.Data))!;

    public AppException NotApplicable(string form, string why) =>
        AppException.Conflict(NotApplicableCode, $"Không lập được {form} cho hồ sơ {State.Code}: {why}");
}

/// <summary>
/// Loads a dossier for its forms through <see cref="GetDossier"/>, so the forms are shown to exactly the roles and
/// units that may read the dossier; then its stream up to the version read, so form and detail view agree.
/// </summary>
internal sealed class DossierPapers(IMediator mediator, EventStore.EventStore store, IOptions<DossierOptions> options)
{
    public async Task<DossierPaper> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new GetDossier(id), cancellationToken);
        var events = await store.ReadStreamAsync(DossierStreams.Id(id), new StreamReadOptions { ToVersion = view.Version }, cancellationToken);
        var state = events.Aggregate((Dossier?)null, (current, e) => Dossier.Apply(current, e.Data))!;
        return new DossierPaper(view, state, events, await UnitsAsync(cancellationToken), Place);
    }

    /// <summary>The catalogue's units through its public query: the dossiers module never reads the catalogue's tables.</summary>
    public async Task<IReadOnlyDictionary<string, UnitView>> UnitsAsync(CancellationToken cancellationToken) =>
        (await mediator.Send(new ListUnits(), cancellationToken)).ToDictionary(u => u.Code);

    /// <summary>The place name of the date line; dots for the official to fill in when none is configured.</summary>
    public string Place => string.IsNullOrWhiteSpace(options.Value.FormPlace) ? "……………" : options.Value.FormPlace.Trim();
}
