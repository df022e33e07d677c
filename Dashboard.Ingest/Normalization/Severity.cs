namespace Dashboard.Ingest.Normalization;

/// <summary>The 1..5 scale of FEEDS.md §0, shared by all feeds.</summary>
public static class Severity
{
    public const int Information = 1;
    public const int Low = 2;
    public const int Moderate = 3;
    public const int High = 4;
    public const int Critical = 5;
}
