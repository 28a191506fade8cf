using Microsoft.AspNetCore.DataProtection;

namespace CitizenVoice.Features.Dialogues;

/// <summary>Encrypts a citizen's contact (kept only with consent) so a database copy does not expose it.</summary>
public sealed class ContactProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CitizenVoice.Dialogues.Contact.v1");

    public string Protect(string contact) => _protector.Protect(contact);

    public string Unprotect(string protectedContact) => _protector.Unprotect(protectedContact);
}
