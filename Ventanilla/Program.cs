using Ventanilla;
using Ventanilla.Cli;

// The same executable serves the web app and the administrative verbs (see README.md).
if (VentanillaCli.Handles(args))
{
    return await VentanillaCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddVentanilla();
var app = builder.Build();
app.MapVentanilla();
return await app.RunVentanillaAsync();

public partial class Program;
