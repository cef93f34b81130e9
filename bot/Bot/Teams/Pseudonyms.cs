using System.Security.Cryptography;

namespace Bot.Teams;

/// <summary>
/// What stands in the audit trail for a person who was erased: random, so nothing leads back to them, and the same
/// for all of their entries in a team, so the record still shows that one person did these things.
/// </summary>
public static class Pseudonyms
{
    public const string Prefix = "former-";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static bool IsPseudonym(string? aadObjectId) => aadObjectId?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The short tag people see, e.g. "#1a2b3c4d", to tell two former members apart.</summary>
    public static string Tag(string pseudonym) => "#" + pseudonym[Prefix.Length..];
}
