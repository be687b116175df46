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

    /// <summary>A request slower than this is logged at Information even when it succeeded.</summary>
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One line per request (method, path, status, time), at a level that says whether anyone needs to look (ADR-015):
    /// a fast success (2xx, 3xx) at Debug, so the shipped Information level skips it before any text is written;
    /// client errors (4xx) and slow requests at Information; failures at Warning. Writing every cached page and static
    /// file to the synchronous console cost about a quarter of the cached-page throughput.
    /// It sits outside the exception handler, so a failure reaches it already handled: the handler logs the exception
    /// once, as an error with the request's context, and this line only says the request answered 500, without repeating it.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.GetLevel = RequestLevel);
        return app;
    }

    public static LogEventLevel RequestLevel(HttpContext context, double elapsedMilliseconds, Exception? exception) =>
        (exception, context.Response.StatusCode) switch
        {
            (not null, _) or (_, >= StatusCodes.Status500InternalServerError) => LogEventLevel.Warning,
            (_, >= StatusCodes.Status400BadRequest) => LogEventLevel.Information,
            _ when elapsedMilliseconds >= SlowRequest.TotalMilliseconds => LogEventLevel.Information,
            _ => LogEventLevel.Debug,
        };
}
