using Microsoft.AspNetCore.Mvc;

namespace Dashboard.People.Admin;

/// <summary>
/// The administrator's forms for people (POST, antiforgery checked, redirect back to <c>/admin/users</c> with
/// <c>done</c> or <c>error</c>). Signed-in people of other roles are refused with 403 and the refusal is audited.
/// </summary>
public static class UserAdminEndpoints
{
    public static IEndpointRouteBuilder MapUserAdministration(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/users").RequireAuthorization().WithTags("Admin");
        admin.MapPost("/", (HttpContext http, UserAdministration people, [FromForm] string? userName, [FromForm] string? displayName,
                [FromForm] string? role, [FromForm] string? scopeCode, [FromForm] string? password, CancellationToken ct) =>
            RunAsync(http, people, "user.create", "user:" + userName, (a, c) => people.CreateAsync(a, userName, displayName, role, scopeCode, password, c), ct));
        admin.MapPost("/{id}/role", (string id, HttpContext http, UserAdministration people, [FromForm] string? role, [FromForm] string? scopeCode, CancellationToken ct) =>
            RunAsync(http, people, "user.role", "user-id:" + id, (a, c) => people.SetRoleAsync(a, id, role, scopeCode, c), ct));
        admin.MapPost("/{id}/lock", (string id, HttpContext http, UserAdministration people, [FromForm] string? confirm, CancellationToken ct) =>
            RunAsync(http, people, "user.lock", "user-id:" + id, (a, c) => people.SetLockedAsync(a, id, locked: true, c), ct));
        admin.MapPost("/{id}/unlock", (string id, HttpContext http, UserAdministration people, [FromForm] string? confirm, CancellationToken ct) =>
            RunAsync(http, people, "user.unlock", "user-id:" + id, (a, c) => people.SetLockedAsync(a, id, locked: false, c), ct));
        admin.MapPost("/{id}/password", (string id, HttpContext http, UserAdministration people, [FromForm] string? password, CancellationToken ct) =>
            RunAsync(http, people, "user.password", "user-id:" + id, (a, c) => people.ResetPasswordAsync(a, id, password, c), ct));
        return app;
    }

    private static async Task<IResult> RunAsync(
        HttpContext http, UserAdministration people, string action, string resource,
        Func<WorkspaceUser, CancellationToken, Task<AdminOutcome>> change, CancellationToken cancellationToken)
    {
        var caller = WorkspaceUser.From(http.User);
        if (await people.RefuseUnlessAdministratorAsync(caller, action, resource, "form", cancellationToken) is not null)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var outcome = await change(caller!, cancellationToken);
        var key = outcome.IsDone ? "done" : "error";
        return Results.Redirect($"/admin/users?{key}={Uri.EscapeDataString(outcome.Message)}");
    }
}
