namespace CitizenVoice;

/// <summary>
/// The one resource set for UI text. Keys are the Vietnamese text itself (Vietnamese is the default language);
/// Resources/SharedResource.en.resx holds the English (this file lives outside Resources/ so the SDK names the resource by ResourcesPath). A test checks every key used in code has an English entry.
/// </summary>
public sealed class SharedResource;
