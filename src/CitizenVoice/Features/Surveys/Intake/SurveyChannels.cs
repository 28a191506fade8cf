namespace CitizenVoice.Features.Surveys;

/// <summary>Channel names as the API, the result filters and the dashboard's query string write them: online, kiosk, paper, phone, email, import.</summary>
public static class SurveyChannels
{
    /// <summary>
    /// The channel named <paramref name="text"/> (any case), or null. Only a name is taken: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
    /// also reads numbers and comma-separated lists, so "2" or "online,kiosk" would otherwise pass for some channel.
    /// </summary>
    public static SurveyChannel? Parse(string? text) =>
        text?.Trim() is { Length: > 0 } name && name.All(char.IsAsciiLetter)
        && Enum.TryParse<SurveyChannel>(name, ignoreCase: true, out var channel) && Enum.IsDefined(channel) ? channel : null;

    /// <summary>The name used in addresses and the API ("online").</summary>
    public static string Name(SurveyChannel channel) => channel.ToString().ToLowerInvariant();
}
