namespace CitizenVoice.Features.Shared;

/// <summary>
/// A public area of the portal (Đối thoại, Khảo sát, Góp ý, Tin tức…) that a feature registers when it exists,
/// so the menu and home page link only to what is built.
/// </summary>
public sealed record PublicArea(int Order, string Title, string Description, string Path);
