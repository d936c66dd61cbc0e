using System.Text;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// Large legacy Control de Peticiones files as an office's spreadsheet would save them (UTF-8 with BOM, commas, Mexican
/// dates, multi-line quoted notes, several areas per row), for the import's reliability tests and its benchmarks.
/// </summary>
public static class LegacyFiles
{
    public const string Header =
        "No. de Folio,Fecha de recepción,Canal,Nombre del usuario,Tercero,No. de cuenta,Teléfono,Domicilio,Tipo de petición,Asunto,Área turnada,Estatus,Fecha de respuesta,Fecha de cierre,Observaciones";

    private static readonly string[] Names = ["María", "José", "Guadalupe", "Juan", "Begoña", "Óscar", "Ángel", "Noemí", "Raúl", "Lucía"];
    private static readonly string[] Surnames = ["Hernández", "García", "Martínez", "López", "Peña", "Núñez", "Ordóñez", "Álvarez", "Díaz", "Muñoz"];
    private static readonly string[] Types = ["Aclaración de consumo", "Reconexión", "Cambio de propietario", "Convenio de pago", "Reporte de fuga", "Corrección al padrón"];
    private static readonly string[] Areas = ["Operación", "FACTURACION Y COBRANZA", "Padron de usuarios", "Jurídico", "Operación, Jurídico", ""];
    private static readonly string[] Statuses = ["Concluido", "Cerrado", "Atendido", "Contestado", "Cancelado", "Sin acreditación", "En trámite", "Turnado"];

    /// <summary>Writes <paramref name="rows"/> petitions (folios GAU-yyyy-nnnnnn from <paramref name="firstNumber"/>) and returns the file's size.</summary>
    public static long Write(string path, int rows, int firstNumber = 1)
    {
        var random = new Random(11);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(true)))
        {
            writer.WriteLine(Header);
            var start = new DateOnly(2015, 1, 5);
            for (var i = firstNumber; i < firstNumber + rows; i++)
            {
                var received = start.AddDays((int)((long)(i - firstNumber) * 4000 / Math.Max(1, rows)));
                var status = Statuses[random.Next(Statuses.Length)];
                var closed = status is not ("En trámite" or "Turnado");
                var answered = received.AddDays(random.Next(3, 30));
                var name = $"{Names[random.Next(Names.Length)]} {Surnames[random.Next(Surnames.Length)]} {Surnames[random.Next(Surnames.Length)]}";
                var notes = i % 7 == 0 ? "\"Revisar lectura del medidor,\nposible fuga \"\"interna\"\"\"" : "";
                writer.WriteLine(string.Join(',',
                    $"GAU-{received.Year}-{i:000000}", received.ToString("dd/MM/yyyy"), i % 2 == 0 ? "Presencial" : "Escrito", name, i % 9 == 0 ? "Sí" : "No",
                    $"{random.Next(1, 60_000):00000}", $"722{random.Next(1_000_000, 9_999_999)}", $"\"Calle {Surnames[i % 10]} {i % 400}, Col. Centro\"",
                    Types[i % Types.Length], $"{Types[i % Types.Length]} de la cuenta", $"\"{Areas[i % Areas.Length]}\"", status,
                    closed ? answered.ToString("dd/MM/yyyy") : "", closed ? answered.AddDays(2).ToString("dd/MM/yyyy") : "", notes));
            }
        }
        return new FileInfo(path).Length;
    }
}
