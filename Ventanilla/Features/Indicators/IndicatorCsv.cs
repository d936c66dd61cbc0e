using System.Globalization;

namespace Ventanilla.Features.Indicators;

/// <summary>A table of the indicators page as it downloads: its file name part, header and rows (the last one a total, when it has one).</summary>
public sealed record IndicatorTable(string Slug, string Title, string[] Header, IReadOnlyList<string?[]> Rows, bool HasTotal = true);

/// <summary>
/// Each table of <c>/indicadores</c> as a CSV (UTF-8 with BOM, Spanish headers, formula cells escaped by
/// <see cref="Shared.CsvFiles"/>), with the same numbers the page shows: one decimal, a dot as separator.
/// </summary>
public static class IndicatorCsv
{
    public const string ByArea = "peticiones-por-area";
    public const string ByType = "peticiones-por-tipo";
    public const string ByCategory = "visitas-por-categoria";
    public const string Comparison = "comparativo-13-meses";
    public const string SurveyByCategory = "encuesta-por-categoria";
    public const string SurveyByDesk = "encuesta-por-modulo";
    public const string SurveyComments = "encuesta-comentarios";
    public const string AppointmentsByCategory = "citas-por-categoria";
    public const string AppointmentsByDesk = "citas-por-modulo";
    public const string Channels = "canales-13-meses";

    public static readonly string[] Slugs =
        [ByArea, ByType, ByCategory, Comparison, SurveyByCategory, SurveyByDesk, SurveyComments, AppointmentsByCategory, AppointmentsByDesk, Channels];

    public static IndicatorTable Table(MonthIndicators month, string slug) => slug switch
    {
        ByArea => Petitions(slug, "Peticiones por área", "Área", month.ByArea, month.Petitions),
        ByType => Petitions(slug, "Peticiones por tipo", "Tipo", month.ByType, month.Petitions),
        ByCategory => Visits(month),
        Comparison => Trend(month),
        SurveyByCategory => Survey(slug, "Encuesta «¿Cómo le atendimos?» por categoría", "Categoría", month.Survey.ByCategory, month.Survey.Total),
        SurveyByDesk => Survey(slug, "Encuesta «¿Cómo le atendimos?» por módulo", "Módulo", month.Survey.ByDesk, month.Survey.Total),
        SurveyComments => Comments(month.Survey),
        AppointmentsByCategory => Appointments(slug, "Citas por categoría", "Categoría", month.Appointments.ByCategory, month.Appointments.Total),
        AppointmentsByDesk => Appointments(slug, "Citas atendidas por módulo", "Módulo", month.Appointments.ByDesk, month.Appointments.Total),
        Channels => ChannelTable(month),
        _ => throw new ArgumentOutOfRangeException(nameof(slug), slug, "Tabla desconocida."),
    };

    public static string FileName(MonthIndicators month, string slug) => $"indicadores-{month.Month:yyyy-MM}-{slug}.csv";

    private static IndicatorTable Petitions(string slug, string title, string group, IReadOnlyList<PetitionStats> rows, PetitionStats total)
        => new(slug, title,
            [group, "Recibidas", "Cerradas", "Cerradas a tiempo", "% a tiempo", "Días hábiles para responder (promedio)", "Días hábiles para responder (mediana)",
             "Abiertas 0-5 días", "Abiertas 6-10 días", "Abiertas 11-15 días", "Abiertas más de 15 días", "Abiertas al cierre"],
            [.. rows.Append(total).Select(r => new[]
            {
                r.Group, N(r.Received), N(r.Closed), N(r.ClosedOnTime), D(r.OnTimePercent), D(r.AverageDays), D(r.MedianDays),
                N(r.Open0To5), N(r.Open6To10), N(r.Open11To15), N(r.OpenOver15), N(r.Open),
            })]);

    private static IndicatorTable Visits(MonthIndicators month)
        => new(ByCategory, "Visitas por categoría",
            ["Categoría", "Visitas", "Espera promedio (min)", "Espera percentil 90 (min)", "Atención promedio (min)", "Atendidas", "Resueltas en el momento", "% resueltas en el momento"],
            [.. month.ByCategory.Append(month.Visits).Select(v => new[]
            {
                v.Group, N(v.Visits), D(v.AverageWaitMinutes), D(v.P90WaitMinutes), D(v.AverageServiceMinutes), N(v.Attended), N(v.ResolvedOnSpot), D(v.ResolvedPercent),
            })]);

    private static IndicatorTable Survey(string slug, string title, string group, IReadOnlyList<SurveyStats> rows, SurveyStats total)
        => new(slug, title,
            [group, "Respuestas", "Promedio (1 a 5)", .. Citizen.SurveyService.Faces.Select(f => $"{f.Label} ({f.Score})")],
            [.. rows.Append(total).Select(r => new[] { r.Group, N(r.Answers), D(r.Average) }.Concat(r.ByScore.Select(N)).ToArray())]);

    private static IndicatorTable Appointments(string slug, string title, string group, IReadOnlyList<AppointmentStats> rows, AppointmentStats total)
        => new(slug, title,
            [group, "Agendadas", "Atendidas", "Canceladas", "Ausentes", "% ausentes", "Llegaron tarde", "Puntualidad mediana (min de la hora)", "Puntualidad percentil 90 (min)"],
            [.. rows.Append(total).Select(r => new[]
            {
                r.Group, N(r.Booked), N(r.Attended), N(r.Cancelled), N(r.NoShows), D(r.NoShowPercent), N(r.Late), D(r.MedianOffMinutes), D(r.P90OffMinutes),
            })]);

    private static IndicatorTable Comments(SurveyMonth survey)
        => new(SurveyComments, "Comentarios de la encuesta",
            ["Fecha y hora", "Turno", "Categoría", "Módulo", "Calificación", "Dónde respondió", "Comentario"],
            [.. survey.Comments.Select(c => new[]
            {
                c.AnsweredAtLocal.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), c.TurnCode, c.Category, c.Desk,
                $"{c.Score} · {Citizen.SurveyService.Label(c.Score)}", c.Source == SurveySource.Phone ? "Teléfono" : "Quiosco", c.Comment,
            })],
            HasTotal: false);

    private static IndicatorTable Trend(MonthIndicators month)
        => new(Comparison, "El mes y los 12 anteriores",
            ["Mes", "Peticiones recibidas", "Cerradas", "Cerradas a tiempo", "% a tiempo", "Días hábiles para responder (promedio)",
             "Visitas", "Espera promedio (min)", "Atendidas", "% resueltas en el momento"],
            [.. month.Trend.Select(t => new[]
            {
                MonthName(t.Month), N(t.Received), N(t.Closed), N(t.ClosedOnTime), D(t.OnTimePercent), D(t.AverageDays),
                N(t.Visits), D(t.AverageWaitMinutes), N(t.Attended), D(t.ResolvedPercent),
            })],
            HasTotal: false);

    /// <summary>In person is what the month received by neither letter nor the online form.</summary>
    public static int InPerson(MonthIndicators month, ChannelMonth channels)
        => Math.Max(0, (month.Trend.FirstOrDefault(t => t.Month == channels.Month)?.Received ?? 0) - channels.Written - channels.Online);

    private static IndicatorTable ChannelTable(MonthIndicators month)
        => new(Channels, "Canales de recepción y acreditación de propiedad",
            ["Mes", "Recibidas en persona", "Recibidas por escrito", "Recibidas en línea", "Acreditaciones enviadas en línea",
             "Acreditaciones entregadas en persona", "Cerradas sin acreditación"],
            [.. month.Channels.Select(c => new[]
            {
                MonthName(c.Month), N(InPerson(month, c)), N(c.Written), N(c.Online), N(c.ProofsOnline), N(c.ProofsInPerson), N(c.ClosedWithoutProof),
            })],
            HasTotal: false);

    /// <summary>"oct 2026": short enough for a chart's axis.</summary>
    public static string MonthName(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.GetCultureInfo("es-MX")).Replace(".", "");

    /// <summary>«ene», «feb», … «sept», «dic» (es-MX, without the period).</summary>
    public static string MonthAbbreviation(DateOnly month) => month.ToString("MMM", CultureInfo.GetCultureInfo("es-MX")).Replace(".", "");

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One decimal, or empty when there was nothing to measure.</summary>
    public static string D(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "";
}
