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
        var protection = KeyCertificate(builder.Configuration) is { } configured
            ? new KeyProtection(configured, null)
            : GeneratedKeyCertificate(builder.Configuration);
        if (protection.Certificate is { } certificate)
        {
            // Unprotect with the same certificate, given here rather than looked up in the machine's certificate
            // store, which a container or a plain Linux host does not have.
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        builder.Services.AddSingleton(protection);
        builder.Services.AddHostedService<KeyRingWarmUp>();
        return builder;
    }

    /// <summary>The certificate that encrypts the keys (null: none), and what the operator should know about it.</summary>
    public sealed record KeyProtection(X509Certificate2? Certificate, string? Warning);

    public const string GeneratedCertificateName = "data-protection.pfx";

    /// <summary>
    /// With no certificate configured, a SQLite store gets one of its own: a self-signed certificate generated on
    /// first start into a folder beside the database file (<c>&lt;store&gt;.keys/</c>, or <c>DataProtection:KeyFolder</c>),
    /// readable only by the portal's user (folder 0700, file 0600). A copy of the database alone then holds only
    /// encrypted keys; whoever also has the folder has the machine anyway. Instances on one SQLite file share a
    /// machine and so the folder (the first to start writes it; the others read it). On PostgreSQL the instances
    /// may run on different machines, so a generated certificate would not be shared: there the keys stay
    /// unencrypted, with a warning at every start, until <c>DataProtection:CertificatePath</c> is set (deploy.md).
    /// </summary>
    public static KeyProtection GeneratedKeyCertificate(IConfiguration configuration)
    {
        var store = StoreSettings.From(configuration, Directory.GetCurrentDirectory());
        if (store.Provider != StoreProvider.Sqlite)
        {
            return new KeyProtection(null,
                "The Data Protection keys (they sign staff cookies) are stored unencrypted in the database, so a copy of it could forge a sign-in. Set DataProtection:CertificatePath and DataProtection:CertificatePassword (see docs/deploy.md).");
        }

        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
        var folder = configuration["DataProtection:KeyFolder"] is { Length: > 0 } configuredFolder
            ? Path.GetFullPath(configuredFolder)
            : Path.GetFullPath(dataSource) + ".keys";
        var path = Path.Combine(folder, GeneratedCertificateName);
        var created = File.Exists(path) ? false : TryCreateCertificate(folder, path);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        return new KeyProtection(certificate, created
            ? $"Created {path} to encrypt the Data Protection keys at rest. Keep it out of database backups and back it up on its own; without it every staff member signs in again, nothing else is lost."
            : null);
    }

    /// <summary>True when this instance wrote the file; false when another instance starting at once did.</summary>
    private static bool TryCreateCertificate(string folder, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=SocialCareStories Data Protection keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(certificate.Export(X509ContentType.Pkcs12));
        }

        try
        {
            // Written whole under another name, then moved: another instance never reads half a file.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    /// <summary>
    /// Without a certificate the keys would be plain XML in the database, so anyone with a copy of the database (a backup)
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
    private sealed class KeyRingWarmUp(IDataProtectionProvider provider, KeyProtection protection, ILogger<KeyRingWarmUp> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (protection.Warning is { } warning)
            {
                logger.LogWarning("{Warning}", warning);
            }

            provider.CreateProtector(nameof(KeyRingWarmUp)).Protect([1]);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
