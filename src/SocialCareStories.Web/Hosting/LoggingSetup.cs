using Serilog;
using Serilog.Events;

namespace SocialCareStories.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog, configured from appsettings; when running a command every log line goes to stderr so stdout stays clean.</summary>
    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder, bool runningCommand)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}",
                standardErrorFromLevel: runningCommand ? LogEventLevel.Verbose : null));
        return builder;
    }
}
