namespace CitizenVoice.Features.Organisation;

/// <summary>Queries over units that every feature needs.</summary>
public static class Units
{
    /// <summary>
    /// Units in service: neither closed nor merged into another. The query form of <see cref="Unit.IsActive"/>
    /// (EF cannot translate a C# property into SQL), so the rule is written twice here and nowhere else.
    /// </summary>
    public static IQueryable<Unit> Active(this IQueryable<Unit> units) => units.Where(u => u.ValidTo == null && u.SuccessorId == null);
}
