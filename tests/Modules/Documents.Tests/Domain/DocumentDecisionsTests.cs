using Onestop.Documents.Domain;
using Onestop.Errors;
using Shouldly;
using Xunit;

namespace Onestop.Documents.Tests.Domain;

public sealed class DocumentDecisionsTests
{
    private static readonly DocumentActor Desk = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7)), "user:lan.nt", "000.00.00.H00");
    private static readonly DossierFacts First = new(Guid.NewGuid(), "H00-260302-0001", "001190012345", ["TK", "GT"]);
    private static readonly DossierFacts Second = First with { Id = Guid.NewGuid(), Code = "H00-260302-0002" };

    private static Document Given(params object[] events) =>
        events.Aggregate((Document?)null, Document.Apply)!;

    private static readonly DocumentUploaded Uploaded = DocumentDecisions.Upload(Guid.NewGuid(), "giay-khai-sinh.pdf", "application/pdf", 10, new string('a', 64), Desk);

    [Fact]
    public void attaching_to_a_component_the_procedure_does_not_have_is_refused()
    {
        var error = Should.Throw<AppException>(() => DocumentDecisions.Attach(Given(Uploaded), First, "XX", null, Desk));

        error.FieldErrors.Single().Field.ShouldBe("componentCode");
    }

    [Fact]
    public void a_paper_in_another_dossier_is_reused_only_when_digitised_and_with_consent()
    {
        var attached = DocumentDecisions.Attach(Given(Uploaded), First, "GT", null, Desk);
        var consent = new ReuseConsent("Tôi đồng ý.", Desk.Now, Desk.By);

        Should.Throw<AppException>(() => DocumentDecisions.Attach(Given(Uploaded, attached), Second, "GT", consent, Desk)).Code.ShouldBe("document.not_reusable");
        var digitised = DocumentDecisions.Digitise(Given(Uploaded, attached), new DigitisedMetadata("Giấy khai sinh", null, null, null, "001190012345", null), Desk);
        Should.Throw<AppException>(() => DocumentDecisions.Attach(Given(Uploaded, attached, digitised), Second, "GT", null, Desk)).Kind.ShouldBe(ErrorKind.Validation);
        DocumentDecisions.Attach(Given(Uploaded, attached, digitised), Second, "GT", consent, Desk).Consent.ShouldBe(consent);
    }

    [Fact]
    public void the_same_component_of_the_same_dossier_is_not_attached_twice()
    {
        var attached = DocumentDecisions.Attach(Given(Uploaded), First, "TK", null, Desk);

        Should.Throw<AppException>(() => DocumentDecisions.Attach(Given(Uploaded, attached), First, "TK", null, Desk)).Code.ShouldBe("document.already_attached");
    }

    [Fact]
    public void an_archived_document_is_neither_digitised_nor_archived_again()
    {
        var archived = Given(Uploaded, DocumentDecisions.Archive(Given(Uploaded), Desk));

        archived.Status.ShouldBe(DocumentStatus.Archived);
        Should.Throw<AppException>(() => DocumentDecisions.Archive(archived, Desk)).Code.ShouldBe(DocumentDecisions.IllegalTransition);
        Should.Throw<AppException>(() => DocumentDecisions.Digitise(archived, new DigitisedMetadata("Giấy khai sinh", null, null, null, "001190012345", null), Desk))
            .Message.ShouldContain("đã được lưu trữ");
    }

    [Fact]
    public void a_document_does_not_supersede_itself()
    {
        var document = Given(Uploaded);

        Should.Throw<AppException>(() => DocumentDecisions.Supersede(document, document, Desk)).FieldErrors.Single().Field.ShouldBe("byDocumentId");
    }
}
