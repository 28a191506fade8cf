using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Settings;

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> settings)
    {
        settings.Property(s => s.AgencyName).HasMaxLength(200);
        settings.Property(s => s.AgencyNameEn).HasMaxLength(200);
        settings.Property(s => s.Address).HasMaxLength(300);
        settings.Property(s => s.Hotline).HasMaxLength(40);
        settings.Property(s => s.Email).HasMaxLength(200);
        settings.Property(s => s.LogoContentType).HasMaxLength(60);
    }
}
