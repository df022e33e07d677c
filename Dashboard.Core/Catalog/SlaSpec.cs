namespace Dashboard.Core.Catalog;

/// <summary>How a time limit is counted.</summary>
public enum SlaUnit
{
    /// <summary>Natural minutes, round the clock.</summary>
    Minutes,

    /// <summary>Natural hours, round the clock.</summary>
    NaturalHours,

    /// <summary>Natural (calendar) days, round the clock.</summary>
    NaturalDays,

    /// <summary>工作时: hours inside office hours on working days only.</summary>
    WorkingHours,

    /// <summary>工作日: working days, each worth one full day of office hours.</summary>
    WorkingDays,
}

/// <summary>The stages of a case that each run their own clock.</summary>
public enum SlaStage
{
    /// <summary>From registration (立案) to dispatch (派遣).</summary>
    Dispatch,

    /// <summary>From dispatch to acceptance by the department (签收).</summary>
    Accept,

    /// <summary>From dispatch to handled (处置).</summary>
    Handle,

    /// <summary>From handled to verified on site (核查).</summary>
    Verify,

    /// <summary>From verified to closed (结案).</summary>
    Close,
}

/// <summary>A time limit: an amount and the unit it is counted in, e.g. 7 working days.</summary>
public sealed record SlaSpec
{
    public SlaSpec(int amount, SlaUnit unit)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A time limit must be a positive amount.");
        }

        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time-limit unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public SlaUnit Unit { get; }

    public bool IsCountedInWorkingTime => Unit is SlaUnit.WorkingHours or SlaUnit.WorkingDays;

    public static SlaSpec WorkingDays(int amount) => new(amount, SlaUnit.WorkingDays);

    public static SlaSpec WorkingHours(int amount) => new(amount, SlaUnit.WorkingHours);

    public static SlaSpec Minutes(int amount) => new(amount, SlaUnit.Minutes);

    public static SlaSpec NaturalHours(int amount) => new(amount, SlaUnit.NaturalHours);

    public static SlaSpec NaturalDays(int amount) => new(amount, SlaUnit.NaturalDays);

    public override string ToString() => $"{Amount} {Unit}";
}

/// <summary>The limit that applies to one stage of a catalog item.</summary>
public sealed record StageSla(SlaStage Stage, SlaSpec Limit);
