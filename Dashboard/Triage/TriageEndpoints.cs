using System.Globalization;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.Core.Triage;
using Dashboard.Localization;
using Dashboard.People;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Triage;

/// <summary>
/// Joint triage's routes: forms (POST with antiforgery, redirect back), the JSON API, the guest link, and the
/// enclave layer for the room's map. Pages are Razor components (Components/Pages/Triage, /wall/room/{id}).
/// </summary>
public static class TriageEndpoints
{
    public static WebApplication MapTriage(this WebApplication app)
    {
        // After sign-in (which runs first) and before the endpoints: a guest link's cookie becomes the guest of its room.
        app.Use((context, next) => context.RequestServices.GetRequiredService<TriageGuests>().SignInGuestAsync(context, () => next(context)));

        app.MapGet("/triage/guest/{token}", OpenGuestLinkAsync).WithTags("Triage");
        var forms = app.MapGroup("/triage").WithTags("Triage");
        forms.MapPost("/incidents/{number}/request", RequestFromFormAsync).RequireAuthorization();
        forms.MapPost("/incidents/{number}/open", OpenFromFormAsync).RequireAuthorization();
        forms.MapPost("/rooms/{id}/act", StepFromFormAsync);

        var api = app.MapGroup("/api/triage").WithTags("Triage");
        api.MapGet("/enclaves.geojson", EnclavesGeoJson);
        api.MapGet("/rooms/{id}", GetRoomAsync);
        api.MapPost("/incidents/{number}/rooms", OpenFromApiAsync).RequireAuthorization().DisableAntiforgery();
        api.MapPost("/rooms/{id}/steps/{step}", StepFromApiAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> OpenGuestLinkAsync(string token, HttpContext http, TriageGuests guests, RefusalAudit audit, CancellationToken cancellationToken)
    {
        var link = await guests.FindAsync(token, cancellationToken);
        if (link is null)
        {
            await audit.RecordAsync(null, "guest-link", "room:?", "page", "unknown, expired or revoked guest link", cancellationToken);
            return Results.Problem(statusCode: 403, title: "Guest link refused", detail: "This guest link is unknown, expired or revoked. Ask the room's chair for a new one.");
        }

        http.Response.Cookies.Append(TriageGuests.CookieName, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps, Expires = link.ExpiresUtc,
        });
        return Results.Redirect($"/triage/rooms/{Uri.EscapeDataString(link.RoomId)}");
    }

    private static async Task<IResult> RequestFromFormAsync(string number, HttpContext http, TriageRooms rooms, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var outcome = await rooms.RequestAsync(http.User, number, reason, "form", cancellationToken);
        var back = $"/workspace/incidents/{Uri.EscapeDataString(number)}";
        return outcome.Kind switch
        {
            TriageOutcomeKind.Done => Results.Redirect($"{back}?done=Triage"),
            TriageOutcomeKind.NotFound => Results.NotFound(),
            _ => Results.Redirect($"{back}?error={Uri.EscapeDataString(outcome.Message)}"),
        };
    }

    private static async Task<IResult> OpenFromFormAsync(string number, HttpContext http, TriageRooms rooms, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var invite = http.Request.Form["invite"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
        var outcome = await rooms.OpenAsync(http.User, number, reason, invite, "form", cancellationToken);
        return outcome.Kind switch
        {
            TriageOutcomeKind.Done => Results.Redirect($"/triage/rooms/{Uri.EscapeDataString(outcome.RoomId!)}"),
            TriageOutcomeKind.NotFound => Results.NotFound(),
            _ => Results.Redirect($"/workspace/incidents/{Uri.EscapeDataString(number)}?error={Uri.EscapeDataString(outcome.Message)}"),
        };
    }

    private static async Task<IResult> StepFromFormAsync(string id, HttpContext http, TriageRooms rooms, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var back = $"/triage/rooms/{Uri.EscapeDataString(id)}";
        if (!Enum.TryParse<RoomStepKind>(form["step"], ignoreCase: true, out var step) || !RoomAccess.Steps.Contains(step))
        {
            return Results.Redirect($"{back}?error={Uri.EscapeDataString($"'{form["step"]}' is not a room step.")}");
        }

        RoomStepRequest request;
        try
        {
            request = new RoomStepRequest(
                step, Text(form["reason"]), Text(form["department"]), Parse<HandlingTier>(form["tier"], "tier"),
                int.TryParse(form["proposal"], out var proposal) ? proposal : null, Text(form["evidence"]), Text(form["url"]),
                Parse<InviteeKind>(form["inviteeKind"], "inviteeKind"), Text(form["invitee"]), Text(form["label"]), ChinaLocal(form["due"]));
        }
        catch (FormatException e)
        {
            return Results.Redirect($"{back}?error={Uri.EscapeDataString(e.Message)}");
        }

        var outcome = await rooms.StepAsync(http.User, id, request, "form", cancellationToken);
        return outcome.Kind switch
        {
            // The token travels in the fragment: browsers never send it to a server or write it to an access log.
            TriageOutcomeKind.Done when outcome.GuestToken is { } token => Results.Redirect($"{back}?done={step}#guest={Uri.EscapeDataString(token)}"),
            TriageOutcomeKind.Done => Results.Redirect($"{back}?done={step}"),
            TriageOutcomeKind.NotFound => Results.NotFound(),
            _ => Results.Redirect($"{back}?error={Uri.EscapeDataString(outcome.Message)}"),
        };
    }

    private static async Task<IResult> OpenFromApiAsync(string number, HttpContext http, TriageRooms rooms, [FromBody] OpenRoomBody? body, CancellationToken cancellationToken)
    {
        var outcome = await rooms.OpenAsync(http.User, number, body?.Reason, body?.Invite ?? [], "api", cancellationToken);
        return outcome.IsDone ? Results.Ok(new { room = outcome.RoomId, message = outcome.Message }) : Problem(outcome);
    }

    private static async Task<IResult> StepFromApiAsync(string id, string step, HttpContext http, TriageRooms rooms, [FromBody] RoomStepBody? body, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<RoomStepKind>(step, ignoreCase: true, out var kind) || !RoomAccess.Steps.Contains(kind))
        {
            return Results.Problem(statusCode: 400, title: "Unknown step", detail: $"step: '{step}' is not one of {string.Join(", ", RoomAccess.Steps)}");
        }

        RoomStepRequest request;
        try
        {
            request = new RoomStepRequest(
                kind, body?.Reason, body?.Department, Parse<HandlingTier>(body?.Tier, "tier"), body?.Proposal, body?.Evidence, body?.Url,
                Parse<InviteeKind>(body?.InviteeKind, "inviteeKind"), body?.Invitee, body?.Label, body?.DueUtc);
        }
        catch (FormatException e)
        {
            return Results.Problem(statusCode: 400, title: "Bad request", detail: e.Message);
        }

        var outcome = await rooms.StepAsync(http.User, id, request, "api", cancellationToken);
        return outcome.IsDone ? Results.Ok(new { room = outcome.RoomId, message = outcome.Message, guestToken = outcome.GuestToken }) : Problem(outcome);
    }

    private static async Task<IResult> GetRoomAsync(string id, HttpContext http, TriageQueries queries, RefusalAudit audit, CancellationToken cancellationToken)
    {
        var view = await queries.RoomAsync(http.User, id, cancellationToken);
        if (view is not { Who.MayEnter: true })
        {
            await audit.RecordAsync(WorkspaceUser.From(http.User), "view", "room:" + id, "api", view is null ? "no such room" : "not invited", cancellationToken);
            return Results.Problem(statusCode: 404, title: "No such room", detail: $"No room {id} you were invited to.");
        }

        var room = view.Room;
        return Results.Ok(new
        {
            room = new
            {
                room.Id, room.IncidentNumber, room.Title, status = room.Status.ToString(), rulingTier = room.RulingTier.ToString(), room.ChairName,
                room.VideoUrl, room.OwnerDepartmentCode, ownerTier = room.OwnerTier?.ToString(), room.DueUtc, room.OpenedUtc, room.ClosedUtc,
                centre = new[] { room.Longitude, room.Latitude },
            },
            you = new { role = view.Who.Role.ToString(), department = view.Who.DepartmentCode },
            incident = new { view.Incident.Number, status = view.Incident.Status.ToString(), department = view.Incident.AssignedDepartmentCode, view.Incident.DueUtc },
            flags = view.Flags.Select(f => new { kind = f.Kind.ToString(), f.Subjects, f.Reason, f.DistanceMetres }),
            candidates = view.Candidates.Select(c => new
            {
                c.DepartmentCode, tier = c.Tier.ToString(), c.UnitCode, rule = c.Rule.ToString(),
                reasons = c.Reasons.Select(r => new { rule = r.Rule.ToString(), r.Reason }),
            }),
            invitations = room.Invitations.Select(i => new { kind = i.Kind.ToString(), i.Code }),
            steps = room.Steps.OrderBy(s => s.Sequence).Select(s => new
            {
                s.Sequence, kind = s.Kind.ToString(), s.AtUtc, actor = s.ActorName, role = s.ActorRole, department = s.DepartmentCode,
                tier = s.Tier?.ToString(), s.Text, evidence = s.EvidenceUrl, s.RefersTo,
            }),
        });
    }

    private static IResult EnclavesGeoJson(CityAssets city) => Results.Text(
        GeoJson.WriteFeatureCollection(city.Enclaves.Select(e => new GeoJsonFeature(e.Boundary, new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = e.Id, ["name"] = e.Name, ["nameEn"] = e.NameEn,
            ["candidateStreetCodes"] = new System.Text.Json.Nodes.JsonArray([.. e.CandidateStreetCodes.Select(s => (System.Text.Json.Nodes.JsonNode?)s.Value)]),
        }, e.Id))),
        "application/geo+json");

    private static IResult Problem(TriageOutcome outcome) => outcome.Kind switch
    {
        TriageOutcomeKind.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: outcome.Message),
        TriageOutcomeKind.Forbidden => Results.Problem(statusCode: 403, title: "Not allowed", detail: outcome.Message),
        TriageOutcomeKind.Conflict => Results.Problem(statusCode: 409, title: "Not allowed in this state", detail: outcome.Message),
        _ => Results.Problem(statusCode: 400, title: "Bad request", detail: outcome.Message),
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T? Parse<T>(string? value, string field)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new FormatException($"{field}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");

    /// <summary>A <c>datetime-local</c> value, read as Asia/Shanghai wall-clock time.</summary>
    private static DateTimeOffset? ChinaLocal(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.FromHours(8)).ToUniversalTime()
            : throw new FormatException($"due: '{value}' is not a date and time.");
}

/// <summary>JSON body of <c>POST /api/triage/incidents/{number}/rooms</c>.</summary>
public sealed record OpenRoomBody(string? Reason, IReadOnlyList<string>? Invite);

/// <summary>JSON body of <c>POST /api/triage/rooms/{id}/steps/{step}</c>; which fields matter depends on the step.</summary>
public sealed record RoomStepBody(
    string? Reason, string? Department, string? Tier, int? Proposal, string? Evidence, string? Url,
    string? InviteeKind, string? Invitee, string? Label, DateTimeOffset? DueUtc);
