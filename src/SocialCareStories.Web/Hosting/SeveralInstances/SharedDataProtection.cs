using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Hosting.SeveralInstances;

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and Identity's tokens live in the store
/// (the DataProtectionKeys table), under one fixed application name, so every instance on the same store
/// reads what any other instance wrote. Left to the defaults, each machine would keep its own keys in its
/// home folder and name the application after its install folder, and a cookie from one instance would be
/// rejected by the next.
/// </summary>
public static class SharedDataProtection
{
    public const string ApplicationName = "SocialCareStories";

    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        var keys = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<StoriesDbContext>();
        if (KeyCertificate(builder.Configuration) is { } certificate)
        {
            // Unprotect with the same certificate, given here rather than looked up in the machine's certificate
            // store, which a container or a plain Linux host does not have.
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        builder.Services.AddHostedService<KeyRingWarmUp>();
        return builder;
    }

    /// <summary>
    /// Without a certificate the keys are plain XML in the database, so anyone with a copy of the database (a backup)
    /// could forge sign-in cookies. <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its private key) and
    /// <c>DataProtection:CertificatePassword</c> (kept out of the repository: an environment variable or a secret
    /// store) encrypt each key at rest; every instance needs the same certificate.
    /// </summary>
    public static X509Certificate2? KeyCertificate(IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath is '{path}', but there is no file there. Give the path of a PKCS#12 (.pfx) file, or remove the setting to keep the keys unencrypted.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"The certificate in '{path}' (DataProtection:CertificatePath) could not be read: {e.Message} Check DataProtection:CertificatePassword and that the file is PKCS#12 (.pfx).", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The certificate in '{path}' (DataProtection:CertificatePath) has no private key, so the keys it encrypts could never be read back. Export it with its private key.");
        }

        return certificate;
    }

    /// <summary>
    /// Loads (and on a fresh store creates) the key ring as the instance starts, after the store is migrated,
    /// rather than on the first sign-in: the first instance on a new store writes the key the others then read.
    /// </summary>
    private sealed class KeyRingWarmUp(IDataProtectionProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            provider.CreateProtector(nameof(KeyRingWarmUp)).Protect([1]);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
