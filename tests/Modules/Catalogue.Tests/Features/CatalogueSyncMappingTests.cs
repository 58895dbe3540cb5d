using Onestop.Catalogue.Domain;
using Onestop.Catalogue.Features.Search;
using Onestop.Catalogue.Grpc;
using Shouldly;
using Xunit;
using Proto = Onestop.Contracts.Catalogue.V1;

namespace Onestop.Catalogue.Tests.Features;

public sealed class CatalogueSyncMappingTests
{
    public static TheoryData<Type, Type> EnumPairs() => new()
    {
        { typeof(ImplementingLevel), typeof(Proto.ImplementingLevel) },
        { typeof(Channel), typeof(Proto.Channel) },
        { typeof(OnlineLevel), typeof(Proto.OnlineLevel) },
        { typeof(ProcedureStatus), typeof(Proto.ProcedureStatus) },
        { typeof(UnitKind), typeof(Proto.UnitKind) },
    };

    [Theory]
    [MemberData(nameof(EnumPairs))]
    public void every_domain_value_maps_to_the_contract_value_of_the_same_name_and_back(Type domain, Type contract)
    {
        foreach (System.Enum value in System.Enum.GetValues(domain))
        {
            var mapped = Map(value, contract);
            mapped.ToString().ShouldBe(value.ToString(), $"{domain.Name}.{value}");
            Back(mapped, domain).ShouldBe(value);
        }

        System.Enum.GetValues(contract).Length.ShouldBe(System.Enum.GetValues(domain).Length + 1, "the contract has one value per domain value plus UNSPECIFIED");
    }

    [Fact]
    public void search_matches_keep_their_names_and_unspecified_means_no_filter()
    {
        foreach (var match in System.Enum.GetValues<SearchMatch>())
        {
            ((Proto.SearchMatch)(int)match).ToString().ShouldBe(match.ToString());
        }

        Proto.OnlineLevel.Unspecified.ToDomain<OnlineLevel>().ShouldBeNull();
    }

    private static object Map(System.Enum value, Type contract) =>
        typeof(CatalogueSyncMapping).GetMethod(nameof(CatalogueSyncMapping.ToProto), [typeof(System.Enum)])!.MakeGenericMethod(contract).Invoke(null, [value])!;

    private static object Back(object value, Type domain) =>
        typeof(CatalogueSyncMapping).GetMethod(nameof(CatalogueSyncMapping.ToDomain))!.MakeGenericMethod(domain).Invoke(null, [value])!;
}
