using System.Net;
using System.Text;
using System.Text.Json;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>One HTTP answer, read once: status, headers and the JSON body.</summary>
internal sealed record Answer(HttpStatusCode Status, JsonElement Json, string Text, HttpResponseMessage Response)
{
    public static async Task<Answer> From(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Answer(response.StatusCode, json, text, response);
    }

    public string Str(string property) => Json.GetProperty(property).GetString()!;
}

internal static class Http
{
    public static async Task<Answer> PostAsync(this HttpClient client, string path, byte[] body, string contentType) =>
        await Answer.From(await client.PostAsync(path, IngestHost.Body(body, contentType)));

    public static Task<Answer> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, Encoding.UTF8.GetBytes(json), "application/json");

    public static async Task<Answer> GetJsonAsync(this HttpClient client, string path) =>
        await Answer.From(await client.GetAsync(path));

    /// <summary>The incident number the feed answer names for its first event.</summary>
    public static string IncidentOf(this Answer answer) =>
        answer.Json.GetProperty("events")[0].GetProperty("incident").GetString()!;

    public static string OutcomeOf(this Answer answer, int index = 0) =>
        answer.Json.GetProperty("events")[index].GetProperty("outcome").GetString()!;
}

/// <summary>Realistic 12345 work orders around Chancheng, varied by the test.</summary>
internal static class Orders
{
    public static string Hotline(string orderNum, string questionCode, double lon, double lat, string callTime = "2025-03-05 08:12:45", string crs = "wgs84", string title = "市民反映问题") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["orderNum"] = orderNum,
            ["callTime"] = callTime,
            ["sourceType"] = "电话",
            ["callerType"] = "投诉",
            ["questionCode"] = questionCode,
            ["pilotLight"] = "一般",
            ["title"] = title,
            ["majorContent"] = title + "，要求尽快处理。",
            ["address"] = "佛山市禅城区",
            ["lon"] = lon,
            ["lat"] = lat,
            ["crs"] = crs,
            ["callerName"] = "陈伟",
            ["callerPhone"] = "13800138000",
            ["isSecret"] = "0",
        });
}
