using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Dashboard.Localization;

/// <summary>
/// Looks keys up in a table of Chinese and English pairs in the current UI culture (zh-CN unless English was chosen).
/// Each text table (<see cref="UiText"/>, the workspace's, the reports', the triage rooms') derives one localizer from it.
/// </summary>
public abstract class BilingualLocalizer<T>(IReadOnlyDictionary<string, (string Chinese, string English)> entries) : IStringLocalizer<T>
{
    public LocalizedString this[string name] =>
        entries.TryGetValue(name, out var entry)
            ? new LocalizedString(name, UiCultures.IsEnglish(CultureInfo.CurrentUICulture) ? entry.English : entry.Chinese)
            : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => entries.Keys.Select(key => this[key]);
}
