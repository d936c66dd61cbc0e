namespace Ventanilla.Features.Padron;

/// <summary>How a petitioner's name compares with the account holder's in the padrón.</summary>
public enum HolderMatch
{
    /// <summary>The same person as far as names tell: every word of the shorter name is in the other (at least two of them whole).</summary>
    Titular = 0,
    /// <summary>Some words agree (a surname, a given name) but not all: a relative, or the holder written differently. The clerk decides.</summary>
    Parcial = 1,
    /// <summary>No word agrees: the petitioner is a third party.</summary>
    Tercero = 2,
}

/// <summary>
/// Compares Mexican names as the padrón and the desk write them: accents and case ignored, in any order (the commercial
/// system writes «LÓPEZ GARCÍA MARÍA», the clerk «María López García»), the particles of compound names («de la»,
/// «del», «y») left out, and an initial («J.») standing for any word it begins.
/// </summary>
public static class HolderNames
{
    private static readonly HashSet<string> Particles = ["de", "del", "la", "las", "los", "y", "e", "vda", "viuda", "da", "di", "van", "von"];

    /// <summary>The abbreviations of given names that registers and forms use.</summary>
    private static readonly Dictionary<string, string> Abbreviations = new() { ["ma"] = "maria", ["fco"] = "francisco", ["gpe"] = "guadalupe", ["ma."] = "maria" };

    /// <summary>The words that identify: folded, punctuation dropped, particles left out.</summary>
    public static IReadOnlyList<string> Words(string? name)
        => [.. TextFold.Fold(name).Split([' ', '.', ',', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetter)])).Where(w => w.Length > 0 && !Particles.Contains(w))
            .Select(w => Abbreviations.GetValueOrDefault(w, w))];

    public static HolderMatch Compare(string? petitioner, string? holder)
    {
        var (a, b) = (Words(petitioner), Words(holder));
        if (a.Count == 0 || b.Count == 0) return HolderMatch.Tercero;
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        var free = longer.ToList();
        var whole = 0;
        var matched = 0;
        // Whole words first, so an initial does not take the word a whole one needs.
        foreach (var word in shorter.OrderByDescending(w => w.Length))
        {
            var at = word.Length == 1 ? free.FindIndex(w => w[0] == word[0]) : free.FindIndex(w => w == word || w.Length == 1 && w[0] == word[0]);
            if (at < 0) continue;
            if (word.Length > 1 && free[at].Length > 1) whole++;
            matched++;
            free.RemoveAt(at);
        }
        // Every word of the shorter name agrees, and at least two whole words do (one, for a name of one whole word).
        if (matched == shorter.Count && whole >= Math.Max(1, Math.Min(2, shorter.Count(w => w.Length > 1)))) return HolderMatch.Titular;
        return whole > 0 ? HolderMatch.Parcial : HolderMatch.Tercero;
    }

    public static string Label(HolderMatch match) => match switch
    {
        HolderMatch.Titular => "Titular",
        HolderMatch.Parcial => "Coincide en parte con el titular",
        _ => "Tercero (no es el titular)",
    };
}
