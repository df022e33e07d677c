using System.Security.Claims;
using System.Text.Json;
using Dashboard.Core.City;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.Director;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Wall;

/// <summary>
/// A view a director sends to a wall ("drive the wall"): the wall of scope <see cref="Target"/> flies to an incident,
/// a street, or a centre and zoom. At least one of them.
/// </summary>
public sealed record WallView(string Target, double? Lon = null, double? Lat = null, double? Zoom = null, string? Street = null, string? Incident = null);

/// <summary>The view as the walls receive it on the change log (topic <c>wall</c>, kind <c>wall.view</c>).</summary>
public sealed record WallViewCommand(string Target, double? Lon, double? Lat, double? Zoom, string? Street, string? Incident, string By, string ByName);

/// <summary>Why a drive was refused; the message is shown to the director and written to <c>audit_log</c>.</summary>
public sealed class WallDriveRefusedException(string message) : Exception(message);

/// <summary>
/// Lets a district operator or a street director put a view on a wall inside their own scope. Authorized here, on the
/// server: the wall, the street, the incident and the centre must all lie in the director's scope (a street director:
/// their street). An accepted view is one change-log row, which is both the audit record (who, what, when) and what
/// carries the view to the walls through the live hub; a refused one is written to <c>audit_log</c>.
/// </summary>
public sealed class WallDriver(IDbContextFactory<CityDbContext> contexts, GridIndex grids, RefusalAudit audit, TimeProvider time)
{
    public const string Kind = "wall.view";
    public const string EntityType = "wall";

    public async Task<WallViewCommand> DriveAsync(ClaimsPrincipal principal, WallView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(view);
        var user = WorkspaceUser.From(principal);
        try
        {
            var (command, scope) = await AuthorizeAsync(user, view, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ChangeLog.Add(new ChangeLogEntry(time.GetUtcNow(), Kind, EntityType, command.Target, scope,
                JsonSerializer.Serialize(command, JsonSerializerOptions.Web), isCritical: true, actor: command.By));
            await db.SaveChangesAsync(cancellationToken);
            return command;
        }
        catch (WallDriveRefusedException refused)
        {
            await audit.RecordAsync(user, "drive-wall", "wall:" + view.Target, "hub", refused.Message, cancellationToken);
            throw;
        }
    }

    private async Task<(WallViewCommand Command, ChangeScope Scope)> AuthorizeAsync(WorkspaceUser? user, WallView view, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            throw new WallDriveRefusedException("Sign in as a district operator or a street director to send a view to a wall.");
        }

        var own = user.Role switch
        {
            CityRoles.DistrictOperator => LiveScope.District(user.ScopeCode),
            CityRoles.StreetDirector => LiveScope.Street(user.ScopeCode),
            _ => throw new WallDriveRefusedException($"A {user.Role} may not send views to a wall; district operators and street directors may."),
        };
        if (!LiveScope.TryParse(view.Target, out var target, out var error) || target.Kind is not (LiveScopeKind.District or LiveScopeKind.Street or LiveScopeKind.Community))
        {
            throw new WallDriveRefusedException($"target: {error ?? $"a wall shows a district, a street or a community, not {view.Target}."}");
        }

        if (!target.IsWithin(own))
        {
            throw new WallDriveRefusedException($"{user.DisplayName} may drive walls within {own}, not the wall of {target}.");
        }

        if (view.Zoom is { } zoom && zoom is < 9 or > 19)
        {
            throw new WallDriveRefusedException($"zoom: {zoom} is outside 9..19.");
        }

        string? street = null;
        double? lon = view.Lon, lat = view.Lat;
        if (!string.IsNullOrWhiteSpace(view.Incident))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var incident = await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Number == view.Incident, cancellationToken);
            if (incident is null || !IncidentAuthorizer.CanSee(user, incident) || !WallIncidentFilter.IsInScope(target, incident.Location.GridCode))
            {
                throw new WallDriveRefusedException($"incident: no incident {view.Incident} in {target} that {user.DisplayName} may see.");
            }

            (lon, lat, street) = (incident.Location.Longitude, incident.Location.Latitude, incident.Location.StreetCode);
        }
        else if (lon is { } x && lat is { } y)
        {
            var place = grids.Locate(x, y);
            if (!place.IsInsideDistrict || !WallIncidentFilter.IsInScope(target, place.Grid!.Code.Value))
            {
                throw new WallDriveRefusedException($"centre: {y:0.#####}, {x:0.#####} is not inside {target}.");
            }

            street = place.Grid!.StreetCode.Value;
        }

        if (!string.IsNullOrWhiteSpace(view.Street))
        {
            if (!StreetCode.TryParse(view.Street, out _) || !(target.Kind == LiveScopeKind.District || target.Code.StartsWith(view.Street, StringComparison.Ordinal)))
            {
                throw new WallDriveRefusedException($"street: {view.Street} is not a street of {target}.");
            }

            street ??= view.Street;
        }

        if (street is null && (lon is null || lat is null))
        {
            throw new WallDriveRefusedException("A view needs an incident, a street, or a centre (lon, lat).");
        }

        // A street director's views stay in their street, whatever the wall: checked on the place the view resolved to.
        foreach (var place in new[] { street, view.Street }.OfType<string>().Where(s => s.Length > 0))
        {
            if (!LiveScope.Street(place).IsWithin(own))
            {
                throw new WallDriveRefusedException($"{user.DisplayName} may show places within {own}, not street:{place}.");
            }
        }

        // The row reaches the target wall and, on a district wall, nobody outside the street the view shows.
        var scope = target.Kind == LiveScopeKind.Community
            ? new ChangeScope(target.Code[..9], target.Code, null)
            : new ChangeScope(street ?? (target.Kind == LiveScopeKind.Street ? target.Code : null), null, null);
        return (new WallViewCommand(target.ToString(), lon, lat, view.Zoom, view.Street ?? street, view.Incident, "user:" + user.UserName, user.DisplayName), scope);
    }
}
