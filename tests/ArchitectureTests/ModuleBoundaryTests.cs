using System.Reflection;
using Shouldly;
using Xunit;

namespace Onestop.ArchitectureTests;

/// <summary>The module rules of DESIGN.md, checked on the compiled assemblies the host loads.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] BuildingBlocks = ["Onestop.EventStore", "Onestop.Messaging", "Onestop.Errors", "Onestop.Postgres", "Onestop.Grpc", "Onestop.Contracts"];

    private static readonly Assembly[] Platform = LoadPlatform();

    [Fact]
    public void building_blocks_never_reference_a_module()
    {
        foreach (var assembly in Platform.Where(a => BuildingBlocks.Contains(a.GetName().Name)))
        {
            References(assembly).Where(IsModule).ShouldBeEmpty($"{assembly.GetName().Name} references a module");
        }
    }

    [Fact]
    public void a_module_references_no_other_module_but_the_catalogue_it_builds_on()
    {
        // Dossiers reuses the catalogue's working calendar and procedure queries (its public surface); nothing else crosses.
        var allowed = new Dictionary<string, string[]>
        {
            ["Onestop.Dossiers"] = ["Onestop.Catalogue"], ["Onestop.Documents"] = ["Onestop.Dossiers", "Onestop.Catalogue"],
            ["Onestop.Statistics"] = ["Onestop.Dossiers", "Onestop.Catalogue", "Onestop.Documents"],
        };
        foreach (var module in Platform.Where(a => IsModule(a.GetName().Name!)))
        {
            var name = module.GetName().Name!;
            var others = References(module).Where(IsModule).Except(allowed.GetValueOrDefault(name, []));
            others.ShouldBeEmpty($"{name} references another module");
        }
    }

    [Fact]
    public void the_catalogue_module_is_loaded_by_the_host() =>
        Platform.Select(a => a.GetName().Name).ShouldContain("Onestop.Catalogue");

    [Fact]
    public void module_handlers_and_projections_are_internal()
    {
        foreach (var module in Platform.Where(a => IsModule(a.GetName().Name!)))
        {
            var exposed = module.GetExportedTypes()
                .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Projection", StringComparison.Ordinal))
                .Select(t => t.FullName);
            exposed.ShouldBeEmpty($"{module.GetName().Name} exposes handlers or projections");
        }
    }

    private static bool IsModule(string name) =>
        name.StartsWith("Onestop.", StringComparison.Ordinal) && !BuildingBlocks.Contains(name) && name is not "Onestop.Host";

    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("Onestop.", StringComparison.Ordinal));

    private static Assembly[] LoadPlatform()
    {
        var directory = AppContext.BaseDirectory;
        return Directory.GetFiles(directory, "Onestop.*.dll")
            .Where(path => !Path.GetFileName(path).Contains("Tests", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom)
            .ToArray();
    }
}
