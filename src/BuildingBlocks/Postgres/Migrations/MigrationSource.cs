using System.Reflection;

namespace Onestop.Postgres.Migrations;

/// <summary>A module's SQL migrations: embedded resources named NNNN_description.sql, applied in name order.</summary>
public sealed record MigrationSource(string Module, Assembly Assembly)
{
    public IReadOnlyList<Migration> Load()
    {
        return Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Sql.", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = Assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                var fileName = name[(name.LastIndexOf(".Sql.", StringComparison.Ordinal) + 5)..];
                return new Migration(Module, fileName, reader.ReadToEnd());
            })
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }
}

public sealed record Migration(string Module, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql)));
}
