using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace SocialCareStories.Web.Hosting;

public static class LoggingSetup
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Serilog, configured from appsettings; one JSON object a line (compact JSON, with the trace and span ids) when
    /// <c>Logging:Json</c> is true, readable text otherwise. When running a command every line goes to stderr so stdout stays clean.
    /// Events logged while serving a request carry its RequestId, RequestPath, ConnectionId and TraceId.
    /// </summary>
    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder, bool runningCommand)
    {
        var json = builder.Configuration.GetValue("Logging:Json", defaultValue: false);
        LogEventLevel? toStandardErrorFrom = runningCommand ? LogEventLevel.Verbose : null;
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<LogValueEncoding>();
            if (json)
            {
                logger.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: toStandardErrorFrom);
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: toStandardErrorFrom);
            }
        });
        return builder;
    }

    /// <summary>
    /// One line per request (method, path, status, time). It sits outside the exception handler, so a failure reaches it
    /// already handled: the handler logs the exception once, as an error with the request's context, and this line only
    /// says the request answered 500, at Warning, without repeating the exception.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError
                ? LogEventLevel.Warning
                : LogEventLevel.Information);
        return app;
    }
}
