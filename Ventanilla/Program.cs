using Ventanilla;
using Ventanilla.Cli;

// The same executable serves the web app and the administrative verbs (see README.md).
if (VentanillaCli.Handles(args))
{
    return await VentanillaCli.RunAsync(args);
}

// As a Windows service the working folder is System32: the app's own folder holds its files (wwwroot, data).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService() ? AppContext.BaseDirectory : null,
});
builder.AddVentanilla();
var app = builder.Build();
app.MapVentanilla();
return await app.RunVentanillaAsync();

public partial class Program;
