using Bot.Localization;
using Bot.Persistence;
using Microsoft.Extensions.Primitives;

namespace Bot.Metrics;

/// <summary>
/// <c>POST /api/metrics</c>: a reporting tool pushes a batch of figures with the team's key. Answers are
/// <c>application/problem+json</c> for every refusal, in English (a tool reads them, not a person in Teams):
/// 401 for a missing, unknown or revoked key; 413 beyond <see cref="MaxBodyBytes"/>; 400 for a body that is no batch
/// (malformed JSON, invalid UTF-8, nesting deeper than a batch needs) and for a batch with bad rows, listing every one
/// by its index, with nothing stored.
/// </summary>
public static partial class MetricsEndpoints
{
    public const string Path = "/api/metrics";
    public const int MaxBodyBytes = 1024 * 1024;
    public const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, PostAsync);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext context, MetricsApiKeys keys, MetricsKeyAttempts attempts, MetricsStore store, BotDbContext database, ILogger<MetricsStore> logger, CancellationToken cancellationToken)
    {
        using var language = BotLanguage.Use(BotLanguage.English);
        var presented = PresentedKey(context.Request);
        var source = context.Connection.RemoteIpAddress;
        if (attempts.Refusal(source, presented) is { } wait)
        {
            LogThrottled(logger);
            context.Response.Headers.RetryAfter = MetricsKeyAttempts.RetryAfterHeader(wait);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: Texts.MetricsApiTooManyFailures);
        }

        var key = await keys.AuthenticateAsync(presented, cancellationToken);
        if (key is null)
        {
            attempts.Failed(source, presented);
            LogUnauthorised(logger);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Texts.MetricsApiUnauthorised);
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Texts.FormatMetricsApiTooLarge(MaxBodyBytes / 1024));
        }

        var body = await ReadCappedAsync(context.Request.Body, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Texts.FormatMetricsApiTooLarge(MaxBodyBytes / 1024));
        }

        var batch = MetricsJsonBatch.TryRead(body.Value);
        if (batch is null)
        {
            LogMalformed(logger, key.TeamId, key.Prefix);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: Texts.MetricsApiMalformed, detail: Texts.MetricsApiMalformedDetail);
        }

        var team = await database.Teams.FindAsync([key.TeamId], cancellationToken);
        if (team is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Texts.MetricsApiUnauthorised);
        }

        var report = await store.ImportAsync(team, batch, "api", cancellationToken);
        if (!report.Succeeded)
        {
            var errors = report.Errors.Select(e => new RowErrorBody(e.Position, MetricsDisplayNames.Problem(e))).ToList();
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: Texts.FormatMetricsApiInvalidRows(errors.Count),
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }

        return Results.Ok(new ReportBody(report.Read, report.Inserted, report.Updated, report.Unchanged));
    }

    /// <summary><c>Authorization: Bearer smb_…</c>, or <c>X-Api-Key: smb_…</c> for tools that cannot set Authorization.</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers.TryGetValue(ApiKeyHeader, out StringValues apiKey) && apiKey.Count == 1 ? apiKey[0]?.Trim() : null;
    }

    /// <summary>The body, or <c>null</c> once it grows past the limit (a chunked body has no Content-Length to check first).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics API request refused: missing, unknown or revoked key")]
    private static partial void LogUnauthorised(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics API request refused with 429: too many failed key attempts from its address or for its key prefix")]
    private static partial void LogThrottled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics API request for team {TeamId} (key {Prefix}) was not a batch")]
    private static partial void LogMalformed(ILogger logger, string teamId, string prefix);

    private sealed record RowErrorBody(int Index, string Message);

    private sealed record ReportBody(int Read, int Inserted, int Updated, int Unchanged);
}
