using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Ventanilla.Components.Account;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Routing;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    // Endpoints the static Account pages post to.
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accountGroup = endpoints.MapGroup("/Account");

        // Checks its antiforgery token itself: a post without one is a plain 400, never an error page, and signs nobody out.
        accountGroup.MapPost("/Logout", async (HttpContext context, [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<ApplicationUser> signInManager, [FromServices] SessionStore sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Text("Solicitud no válida: falta el código de seguridad del formulario. Vuelva a la página y pulse «Salir» otra vez.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            var returnUrl = context.Request.HasFormContentType ? context.Request.Form["returnUrl"].ToString() : null;
            // The session ends on the server, so a copy of this cookie is worthless from now on.
            if (SessionStore.IdOf(context.User) is { } session) await sessions.EndAsync(session);
            await signInManager.SignOutAsync();
            return Results.LocalRedirect($"~/{IdentityRedirectManager.LocalPath(returnUrl)}");
        }).AllowAnonymous().DisableAntiforgery();

        return accountGroup;
    }
}
