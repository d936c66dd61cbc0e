using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Citizen;

/// <summary>Where a followed turn stands, in the words its phone page shows.</summary>
public enum TurnState
{
    /// <summary>No turn with that code today (a wrong code and yesterday's look the same).</summary>
    Unknown,
    Waiting,
    Called,
    Serving,
    Done,
    NoShow,
}

/// <summary>
/// What the phone page of a turn shows, and what its live stream sends: the turn code and line, where it stands,
/// and the desk when called. Never a name, an account or a phone number: the visit's personal data is not even read.
/// </summary>
public sealed record PhoneTurn(
    TurnState State, string? Code, string? Category, string Headline, string Detail, int? Ahead, int? WaitMinutes,
    string? Desk, string? CallKey, bool SurveyOpen)
{
    /// <summary>Nothing more will change on this page (besides the survey, which the page posts itself).</summary>
    public bool Final => State is TurnState.Unknown or TurnState.NoShow or TurnState.Done;
}

/// <summary>
/// Finds the turn a phone follows by its ticket's public code, on the board every live view shares: a hundred phones
/// after a call cost one board build, not a hundred queries.
/// </summary>
public sealed class TurnTracker(QueueBoards boards, OfficeClock office)
{
    public async Task<(PhoneTurn View, int? VisitId)> FindAsync(string? code, CancellationToken ct = default)
    {
        var board = await boards.GetAsync(ct);
        // Keyed by the code's hash: how long the lookup takes depends on the hash, never on how close a guess is.
        var normalized = PublicCodes.Normalize(code);
        var turn = normalized.Length == PublicCodes.TicketCodeLength
            && board.Estimates.ByCodeHash.TryGetValue(PublicCodes.Hash(normalized), out var found) ? found : null;
        return (View(turn, office.UtcNow()), turn?.VisitId);
    }

    public static PhoneTurn View(VisitTurn? turn, DateTime nowUtc)
    {
        if (turn is null)
        {
            return new PhoneTurn(TurnState.Unknown, null, null, "Este turno no es válido hoy",
                "El código de un turno solo sirve el día en que se sacó. Si necesita atención, tome un turno en el quiosco de la oficina.",
                null, null, null, null, false);
        }
        var desk = turn.DeskName;
        return turn.Status switch
        {
            TicketStatus.Called => new PhoneTurn(TurnState.Called, turn.Code, turn.CategoryName, "¡Es su turno!",
                $"Pase al {desk}.", null, null, desk, $"{turn.TicketId}:{turn.CallCount}", false),
            TicketStatus.Serving => new PhoneTurn(TurnState.Serving, turn.Code, turn.CategoryName, "Le están atendiendo",
                $"En el {desk}.", null, null, desk, null, false),
            TicketStatus.Done => new PhoneTurn(TurnState.Done, turn.Code, turn.CategoryName, "Gracias por su visita",
                turn.Surveyed ? "Gracias también por su opinión." : "¿Cómo le atendimos? Su respuesta nos ayuda a mejorar.",
                null, null, null, null, !turn.Surveyed),
            TicketStatus.NoShow => new PhoneTurn(TurnState.NoShow, turn.Code, turn.CategoryName, "Su turno fue llamado y no se presentó",
                "Si todavía necesita atención, tome un turno nuevo en el quiosco.", null, null, null, null, false),
            _ => Waiting(turn, nowUtc),
        };
    }

    private static PhoneTurn Waiting(VisitTurn turn, DateTime nowUtc)
    {
        int? minutes = turn.EstimatedCallUtc is { } at ? WaitEstimator.Minutes(nowUtc, at) : null;
        return new PhoneTurn(TurnState.Waiting, turn.Code, turn.CategoryName, "Está en espera",
            $"{WaitTexts.Ahead(turn.Ahead)} {WaitTexts.Wait(minutes)}", turn.Ahead, minutes, null, null, false);
    }
}
