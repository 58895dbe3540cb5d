using Onestop.Dossiers.Domain;
using Onestop.Dossiers.Features.Intake;
using Shouldly;
using Xunit;

namespace Onestop.Dossiers.Tests.Domain;

public sealed class DossierCodePatternTests
{
    [Fact]
    public void the_default_pattern_gives_unit_date_and_a_four_digit_daily_sequence() =>
        DossierCodePattern.Parse(null).Format("000.00.12.H27", new DateOnly(2026, 2, 12), 7).ShouldBe("000.00.12.H27-260212-0007");

    [Fact]
    public void a_configured_pattern_is_followed_literally() =>
        DossierCodePattern.Parse("HS.{unit}.{date:yyyyMMdd}.{seq:000000}").Format("H27", new DateOnly(2026, 3, 2), 42).ShouldBe("HS.H27.20260302.000042");

    [Theory]
    [InlineData("{unit}-{seq:0000}")]
    [InlineData("{date:yyMMdd}-{seq:0000}")]
    [InlineData("{unit}-{date:yyMMdd}")]
    [InlineData("{unit}-{date:yyMMdd}-{seq:0000}-{year}")]
    public void a_pattern_that_could_repeat_a_code_or_names_an_unknown_token_is_refused_at_start_up(string pattern) =>
        Should.Throw<InvalidOperationException>(() => DossierCodePattern.Parse(pattern)).Message.ShouldContain("Dossiers:CodePattern");

    [Fact]
    public void a_lookup_secret_matches_only_its_own_dossier_and_ignores_case_and_spaces()
    {
        var id = Guid.NewGuid();
        var secret = LookupSecrets.New();
        var hash = LookupSecrets.Hash(id, secret);

        secret.ShouldMatch("^[2-9A-HJ-NP-Z]{8}$");
        LookupSecrets.Matches(id, $" {secret.ToLowerInvariant()} ", hash).ShouldBeTrue();
        LookupSecrets.Matches(Guid.NewGuid(), secret, hash).ShouldBeFalse();
        LookupSecrets.Matches(id, "AAAAAAAA", hash).ShouldBeFalse();
        hash.ShouldNotContain(secret);
    }
}
