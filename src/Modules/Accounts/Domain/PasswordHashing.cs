using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Onestop.Accounts.Domain;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 password hashes, self-describing as <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so
/// the iteration count can rise later: a hash made with fewer iterations still verifies and is replaced at the next login.
/// </summary>
public static class PasswordHashing
{
    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023): about a quarter of a second on a small server.</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when the password matches; <paramref name="needsRehash"/> when the hash is weaker than today's setting.</summary>
    public static bool Verify(string password, string stored, out bool needsRehash, int iterations = DefaultIterations)
    {
        needsRehash = false;
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var storedIterations) || storedIterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, storedIterations, HashAlgorithmName.SHA256, expected.Length);
        var matches = CryptographicOperations.FixedTimeEquals(actual, expected);
        needsRehash = matches && storedIterations < iterations;
        return matches;
    }

    /// <summary>
    /// Spends the time of one verification for a login name that does not exist, so the answer's timing does not tell
    /// which names are accounts.
    /// </summary>
    public static void SpendVerificationTime(int iterations = DefaultIterations) =>
        Rfc2898DeriveBytes.Pbkdf2("x"u8, new byte[SaltBytes], iterations, HashAlgorithmName.SHA256, HashBytes);
}
