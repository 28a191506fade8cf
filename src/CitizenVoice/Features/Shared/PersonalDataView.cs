namespace CitizenVoice.Features.Shared;

/// <summary>
/// What a citizen who opened their item with its secret sees of their own personal data, and the button that deletes
/// it: one view (_PersonalData) for feedback and dialogue questions. Labels and texts are resource keys.
/// </summary>
public sealed record PersonalDataView(
    string TrackingCode, string? Secret, IReadOnlyList<(string Label, string? Value)> Rows, string DeleteButton, string AfterDeleting, string NothingKept)
{
    public bool HasAny => Rows.Any(r => r.Value is not null);
}
