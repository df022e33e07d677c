using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Wall;

/// <summary>
/// <c>/hubs/wall</c>: what a director's laptop sends to the walls. <c>DriveWall(view)</c> answers with the command the
/// walls receive, or a hub error saying why it was refused. Walls themselves listen on the live hub (topic <c>wall</c>).
/// </summary>
public sealed class WallHub(WallDriver driver) : Hub
{
    public const string Path = "/hubs/wall";

    public async Task<WallViewCommand> DriveWall(WallView view)
    {
        try
        {
            return await driver.DriveAsync(Context.User ?? new(), view, Context.ConnectionAborted);
        }
        catch (WallDriveRefusedException refused)
        {
            throw new HubException(refused.Message);
        }
    }
}
