using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard OpenTelemetry variable; the exporter reads it (and the other <c>OTEL_*</c> settings) itself.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "social-media-bot";

    /// <summary>
    /// The bot's instruments always (so <c>dotnet-counters</c> can attach to any running bot), and the OpenTelemetry SDK
    /// with OTLP export only when <see cref="OtlpEndpointKey"/> is set: without it nothing listens, no span is created
    /// and no exporter runs. Decided at start, from settings as the host has them while services are registered.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<TurnTelemetry>();
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            // AddService also gives each process a generated service.instance.id, which tells two instances apart.
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(TurnTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !TelemetryPrivacy.IsHealthProbe(context.Request.Path);
                    options.EnrichWithHttpResponse = TelemetryPrivacy.RouteInsteadOfPath;
                })
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = TelemetryPrivacy.OriginInsteadOfUrl)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(BotMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Measures the turns of the messaging endpoint (see <see cref="TurnTelemetry"/>), around the adapter's own delegate.</summary>
    public static IEndpointConventionBuilder WithTurnTelemetry(this IEndpointConventionBuilder endpoint)
    {
        endpoint.Add(builder =>
        {
            var adapter = builder.RequestDelegate ?? throw new InvalidOperationException("The messaging endpoint has no request delegate to measure.");
            var telemetry = builder.ApplicationServices.GetRequiredService<TurnTelemetry>();
            builder.RequestDelegate = context => telemetry.InvokeAsync(context, adapter);
        });
        return endpoint;
    }
}
