using Ventanilla;
using Ventanilla.Cli;

// The same executable serves the web app and the administrative verbs (see README.md).
if (VentanillaCli.Handles(args))
{
    return await VentanillaCli.RunAsync(args);
}

return await VentanillaHosting.RunServerAsync(args, builder =>
{
    builder.AddVentanilla();
    var app = builder.Build();
    app.MapVentanilla();
    return app;
});

public partial class Program;
