namespace SocialCareStories.Web.Hosting;

/// <summary>
/// On SIGTERM (or Ctrl+C) the host stops taking connections, lets requests in flight finish and background work stop
/// between units (the scheduler between stories) for up to <c>Hosting:ShutdownTimeout</c>, then exits. The default,
/// 20 seconds, is set on purpose below the usual grace period of a container stop (Kubernetes waits 30 s before SIGKILL):
/// raise both together, or `docker stop -t` to match.
/// </summary>
public static class GracefulShutdown
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static readonly EventId ShutdownStarted = new(1001, nameof(ShutdownStarted));

    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        var timeout = builder.Configuration.GetValue("Hosting:ShutdownTimeout", DefaultTimeout);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        return builder;
    }

    /// <summary>Says when shutdown starts and how long requests in flight have, so an operator sees why the process lingers.</summary>
    public static WebApplication LogShutdown(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GracefulShutdown).FullName!);
        var timeout = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;
        app.Lifetime.ApplicationStopping.Register(() =>
            logger.LogInformation(ShutdownStarted, "Shutting down: requests in flight have up to {ShutdownTimeout} to finish", timeout));
        return app;
    }
}
