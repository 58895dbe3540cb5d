using System.Text.Json.Nodes;
using Onestop.EventStore.Hashing;
using Shouldly;
using Xunit;

namespace Onestop.EventStore.Tests;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{"b":1,"a":{"d":[1,2],"c":null}}""", """{"a":{"c":null,"d":[1,2]},"b":1}""")]
    [InlineData("""{ "x" : 1.50 , "y": 1E2, "z": -0.0 }""", """{"x":1.5,"y":100,"z":0}""")]
    [InlineData("""{"s":"Đăng ký \u0022khai sinh\u0022\n\u0001"}""", "{\"s\":\"Đăng ký \\\"khai sinh\\\"\\n\\u0001\"}")]
    [InlineData("""[true,false,"\u00e9"]""", """[true,false,"é"]""")]
    public void equal_json_values_have_one_canonical_text(string json, string canonical) =>
        CanonicalJson.ToText(json).ShouldBe(canonical);

    [Fact]
    public void the_canonical_text_survives_a_jsonb_like_rewrite()
    {
        // jsonb reorders keys and rewrites spacing and number forms; the canonical text must not change.
        const string written = """{"amount":0.00000015,"note":"a","items":[{"z":1,"a":2}]}""";
        const string rewritten = """{"note": "a", "items": [{"a": 2, "z": 1}], "amount": 1.5E-7}""";

        CanonicalJson.ToText(rewritten).ShouldBe(CanonicalJson.ToText(written));
    }

    [Fact]
    public void numbers_that_do_not_fit_a_decimal_are_refused_rather_than_rounded() =>
        Should.Throw<ArgumentException>(() => CanonicalJson.ToText("""{"n":1e40}"""));
}

public sealed class UpcasterTests
{
    private sealed record ProcedureRenamed(string Code, string Name, string Reason);

    [Fact]
    public void an_old_event_shape_is_read_as_the_current_type()
    {
        var registry = new EventTypeRegistry()
            .Register<ProcedureRenamed>("test.procedure_renamed.v2")
            .RegisterUpcaster("test.procedure_renamed.v1", "test.procedure_renamed.v2", old =>
            {
                var node = new JsonObject { ["code"] = old["code"]!.GetValue<string>(), ["name"] = old["title"]!.GetValue<string>(), ["reason"] = "(không ghi)" };
                return node;
            });

        var data = registry.Deserialize("test.procedure_renamed.v1", """{"code":"1.001193","title":"Đăng ký khai sinh"}""");

        data.ShouldBe(new ProcedureRenamed("1.001193", "Đăng ký khai sinh", "(không ghi)"));
        registry.NameOf(typeof(ProcedureRenamed)).ShouldBe("test.procedure_renamed.v2");
    }
}
