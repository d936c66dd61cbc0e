namespace Ventanilla.Features.Shared;

/// <summary>Where a number meets a noun on a screen or in a report: «1 petición», «3 peticiones», «1,200 filas».</summary>
public static class Spanish
{
    public static string Count(long n, string singular, string plural) => $"{n:N0} {(n == 1 ? singular : plural)}";

    public static string Petitions(long n) => Count(n, "petición", "peticiones");

    public static string Days(long n) => Count(n, "día", "días");

    public static string BusinessDays(long n) => Count(n, "día hábil", "días hábiles");

    public static string Times(long n) => Count(n, "vez", "veces");
}
