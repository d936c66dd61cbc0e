using System.Security.Cryptography;
using System.Text;

namespace Ventanilla.Features.Citizen;

/// <summary>
/// The codes that open the public pages. Drawn from the operating system's cryptographic generator, never derived
/// from a folio or a turn; compared in constant time so the time an answer takes says nothing about how close a guess
/// was; and never written to a log.
/// </summary>
public static class PublicCodes
{
    /// <summary>No 0/O, 1/I/L: a code read aloud or copied from paper is typed right.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A petition's verification code: 6 symbols, 31⁶ ≈ 887 million, with the folio and a rate limit unguessable.</summary>
    public const int PetitionCodeLength = 6;

    /// <summary>A ticket's token: 20 symbols (≈ 99 bits), as it is only ever read from the QR code.</summary>
    public const int TicketCodeLength = 20;

    public static string NewPetitionCode() => RandomNumberGenerator.GetString(Alphabet, PetitionCodeLength);

    public static string NewTicketCode() => RandomNumberGenerator.GetString(Alphabet, TicketCodeLength);

    /// <summary>
    /// The key a ticket's turn is found by: the SHA-256 of the normalized token, in hex. A lookup keyed by it takes a
    /// time that depends on the hash, not on how much of a guess matches a real token, so it leaks nothing.
    /// </summary>
    public static string Hash(string? code)
        => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(Normalize(code).Where(c => c < 128).ToArray())));

    /// <summary>What a person typed, as a code: upper case, without spaces or hyphens.</summary>
    public static string Normalize(string? typed)
        => new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>
    /// Whether <paramref name="typed"/> is <paramref name="expected"/>, in time that depends on neither (both are padded
    /// to a fixed length); a missing expected code (an unknown folio) is compared against a dummy and never matches.
    /// </summary>
    public static bool Matches(string? expected, string? typed)
    {
        const int Width = 64;
        Span<byte> a = stackalloc byte[Width];
        Span<byte> b = stackalloc byte[Width];
        var known = expected is { Length: > 0 and <= Width };
        var given = Normalize(typed);
        Encoding.ASCII.GetBytes(known ? expected!.AsSpan() : "".PadLeft(PetitionCodeLength, '#').AsSpan(), a);
        if (given.Length <= Width) Encoding.ASCII.GetBytes(given.AsSpan(), b);
        var same = CryptographicOperations.FixedTimeEquals(a, b);
        return same & known & given.Length == expected?.Length;
    }
}
