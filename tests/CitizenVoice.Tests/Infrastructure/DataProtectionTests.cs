using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Infrastructure;

[Collection(AppCollection.Name)]
public sealed class DataProtectionTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_keys_that_protect_sign_in_cookies_are_kept_in_the_database()
    {
        using var client = app.CreateStaffClient();
        await client.SignInAsync("lanhdao");

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<key id=", xml, StringComparison.Ordinal));
    }

    [Fact]
    public void In_Production_the_app_refuses_to_start_without_a_certificate_to_encrypt_its_keys_and_names_the_setting()
    {
        using var production = new ProductionApp(certificatePath: null);
        var failure = Record.Exception(() => production.CreateClient());

        Assert.NotNull(failure);
        var messages = string.Join("\n", Chain(failure).Select(e => e.Message));
        Assert.Contains("DataProtection__CertificatePath", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Production_with_a_certificate_a_copy_of_the_database_alone_cannot_read_the_receipt_key()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"cv-keys-{Guid.NewGuid():N}.pfx");
        using var certificate = CreateCertificate();
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-thu"));
        try
        {
            using var production = new ProductionApp(pfx);
            using var client = production.CreateClient();
            using var home = await client.GetAsync("/");
            Assert.True(home.IsSuccessStatusCode);

            var keys = await production.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            var receiptKey = await production.WithDbAsync(db => db.SurveySecrets.Select(s => s.ProtectedReceiptKey).SingleAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal));

            // Someone with the keys table but not the certificate learns nothing; with the certificate it reads.
            Assert.ThrowsAny<CryptographicException>(() => ReceiptProtector(keys, null).Unprotect(receiptKey));
            Assert.Equal(32, Convert.FromBase64String(ReceiptProtector(keys, certificate).Unprotect(receiptKey)).Length);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static IDataProtector ReceiptProtector(List<string> keyXml, X509Certificate2? certificate)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName("CitizenVoice")
            .AddKeyManagementOptions(o => o.XmlRepository = new CopiedKeys(keyXml)).DisableAutomaticKeyGeneration();
        if (certificate is not null)
        {
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("CitizenVoice.Surveys.ReceiptKey.v1");
    }

    private sealed class CopiedKeys(List<string> xml) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [.. xml.Select(XElement.Parse)];

        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("A copy is read only.");
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CitizenVoice keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }

        if (e is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
            {
                yield return inner;
            }
        }
    }

    private sealed class ProductionApp(string? certificatePath) : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            certificatePath is null ? [] : [new("DataProtection:CertificatePath", certificatePath), new("DataProtection:CertificatePassword", "mat-khau-chung-thu")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
