namespace CitizenVoice.Features.Visitors;

/// <summary>The visitor statistics (section "Visitors").</summary>
public sealed class VisitorOptions
{
    public const string Section = "Visitors";

    /// <summary>Count page views and show the box; off, neither (the benchmark compares the two).</summary>
    public bool Count { get; set; } = true;

    /// <summary>
    /// How often a copy of the app adds its counts to the database and reads everyone's back. Shorter shows other
    /// copies' visitors sooner; each flush is a handful of small statements.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A visitor seen within this window is "đang truy cập".</summary>
    public TimeSpan OnlineWindow { get; set; } = TimeSpan.FromMinutes(5);
}
