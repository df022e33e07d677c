using System.ComponentModel.DataAnnotations;

namespace Dashboard.Wall;

/// <summary>The <c>Wall</c> configuration section: who may open the wall without signing in.</summary>
public sealed class WallOptions
{
    public const string SectionName = "Wall";

    /// <summary>
    /// Read-only display tokens (显示令牌) for kiosk screens: <c>/wall?token=…</c> opens the wall of the token's scope
    /// (or a scope inside it) without an interactive login. Each token is at least 24 characters.
    /// </summary>
    public IList<WallDisplayToken> DisplayTokens { get; init; } = [];

    /// <summary>
    /// Browsers on the server's own machine (loopback) need no token. On by default in Development (the demo run);
    /// a production run leaves it off, so every screen needs a token.
    /// </summary>
    public bool? AllowLocalWithoutToken { get; set; }

    /// <summary>Seconds between automatic view changes when the URL asks for rotation without a value.</summary>
    [Range(5, 3600)]
    public int DefaultRotationSeconds { get; set; } = 30;
}

public sealed class WallDisplayToken
{
    [Required, MinLength(24)]
    public string Token { get; set; } = string.Empty;

    /// <summary>The scope the screen may show, e.g. <c>district:440604</c> or <c>street:440604010</c>.</summary>
    [Required]
    public string Scope { get; set; } = string.Empty;

    /// <summary>Which screen it is, for the log (e.g. 指挥大厅左屏).</summary>
    public string? Name { get; set; }
}
