using Onestop.Catalogue.Domain;
using Onestop.Errors;
using Shouldly;
using Xunit;
using static Onestop.Catalogue.Tests.SampleProcedures;

namespace Onestop.Catalogue.Tests.Domain;

public sealed class ProcedureDecisionsTests
{
    private static readonly Procedure Published = Procedure.Apply(null,
        new ProcedurePublished("1.001193", BirthRegistration(), Decision("100/QĐ-UBND", 2025, 3, 1)));

    [Fact]
    public void publishing_a_code_already_in_the_catalogue_is_refused() =>
        Should.Throw<AppException>(() => ProcedureDecisions.Publish(Published, "1.001193", BirthRegistration(), Decision("2", 2025, 4, 1)))
            .Kind.ShouldBe(ErrorKind.Conflict);

    [Fact]
    public void an_amendment_becomes_the_next_version()
    {
        var amended = ProcedureDecisions.Amend(Published, "1.001193", BirthRegistration() with { Result = "Giấy khai sinh điện tử" }, Decision("200/QĐ-UBND", 2025, 7, 1));

        amended.Version.ShouldBe(2);
    }

    [Fact]
    public void a_version_that_takes_effect_before_the_one_it_amends_is_refused()
    {
        var error = Should.Throw<AppException>(() =>
            ProcedureDecisions.Amend(Published, "1.001193", BirthRegistration(), Decision("99/QĐ-UBND", 2025, 2, 1)));

        error.Kind.ShouldBe(ErrorKind.Validation);
        error.FieldErrors.Single().Field.ShouldBe("decision.effectiveFrom");
    }

    [Fact]
    public void a_repealed_procedure_cannot_be_amended()
    {
        var repealed = Procedure.Apply(Published, new ProcedureRepealed("1.001193", Decision("300/QĐ-UBND", 2025, 9, 1)));

        Should.Throw<AppException>(() => ProcedureDecisions.Amend(repealed, "1.001193", BirthRegistration(), Decision("301/QĐ-UBND", 2025, 10, 1)))
            .Code.ShouldBe("catalogue.procedure_ended");
    }

    [Fact]
    public void the_version_and_status_in_force_follow_the_decisions_effective_dates()
    {
        var history = new object[]
        {
            new ProcedureAmended("1.001193", 2, BirthRegistration() with { Result = "Giấy khai sinh (bản điện tử)" }, Decision("200/QĐ-UBND", 2025, 7, 1)),
            new ProcedureSuspended("1.001193", "Chờ hướng dẫn mới", Decision("250/QĐ-UBND", 2025, 8, 1)),
            new ProcedureReinstated("1.001193", Decision("260/QĐ-UBND", 2025, 8, 15)),
        }.Aggregate(Published, Procedure.Apply);

        history.VersionOn(new DateOnly(2025, 2, 28)).ShouldBeNull();
        history.VersionOn(new DateOnly(2025, 6, 30))!.Number.ShouldBe(1);
        history.VersionOn(new DateOnly(2025, 7, 1))!.Number.ShouldBe(2);
        history.StatusOn(new DateOnly(2025, 8, 10)).ShouldBe(ProcedureStatus.Suspended);
        history.StatusOn(new DateOnly(2025, 8, 15)).ShouldBe(ProcedureStatus.InForce);
    }

    [Fact]
    public void the_diff_names_each_changed_field()
    {
        var before = BirthRegistration();
        var after = before with
        {
            ProcessingTime = new ProcessingTime(3),
            Components = [.. before.Components.Where(c => c.Code != "UQ"), new ComponentSpec("CCCD", "Căn cước", 0, 1, true)],
            Fees = [new Fee("Lệ phí đăng ký khai sinh", 8000m)],
        };

        var changes = ProcedureDiff.Compare(before, after).ToDictionary(c => c.Field);

        changes["processingTime.workingDays"].ShouldBe(new FieldChange("processingTime.workingDays", "0", "3"));
        changes["processingTime.sameDay"].After.ShouldBe("false");
        changes["components[UQ]"].After.ShouldBeNull();
        changes["components[CCCD]"].Before.ShouldBeNull();
        changes["fees[Lệ phí đăng ký khai sinh].amount"].After.ShouldBe("8000");
        changes.ShouldNotContainKey("name");
    }

    [Theory]
    [InlineData("Đăng ký khai sinh", "dang ky khai sinh", "dkks")]
    [InlineData("Tư pháp - Hộ tịch", "tu phap ho tich", "tpht")]
    [InlineData("  ĐĂNG KÝ  kết hôn ", "dang ky ket hon", "dkkh")]
    public void vietnamese_text_folds_without_diacritics_and_d_for_dj(string text, string folded, string initials)
    {
        VietnameseText.Fold(text).ShouldBe(folded);
        VietnameseText.Initials(text).ShouldBe(initials);
    }
}
