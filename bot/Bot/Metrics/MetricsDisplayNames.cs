using Bot.Localization;

namespace Bot.Metrics;

/// <summary>The words for the metrics feature's enumerations, in the current language.</summary>
public static class MetricsDisplayNames
{
    public static string Layout(Csv.MetricsCsvLayout? layout) => layout switch
    {
        Csv.MetricsCsvLayout.Generic => Texts.MetricsLayoutGeneric,
        Csv.MetricsCsvLayout.MetaBusinessSuite => Texts.MetricsLayoutMeta,
        Csv.MetricsCsvLayout.LinkedInPage => Texts.MetricsLayoutLinkedIn,
        Csv.MetricsCsvLayout.XAnalytics => Texts.MetricsLayoutX,
        _ => Texts.MetricsLayoutUnknown,
    };

    /// <summary>Why a metrics row was refused; the same words for the chat, the CLI and the API.</summary>
    public static string Problem(MetricRowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Detail ?? string.Empty;
        return error.Problem switch
        {
            MetricProblem.NotAnObject => Texts.MetricProblemNotAnObject,
            MetricProblem.WrongType => Texts.FormatMetricProblemWrongType(detail),
            MetricProblem.NoTarget => Texts.MetricProblemNoTarget,
            MetricProblem.SeveralTargets => Texts.MetricProblemSeveralTargets,
            MetricProblem.UnknownSocialChannel => Texts.FormatMetricProblemUnknownSocialChannel(detail),
            MetricProblem.AmbiguousSocialChannel => Texts.FormatMetricProblemAmbiguousSocialChannel(detail),
            MetricProblem.InvalidPostUrl => Texts.FormatMetricProblemInvalidPostUrl(detail),
            MetricProblem.MissingDate => Texts.MetricProblemMissingDate,
            MetricProblem.InvalidDate => Texts.FormatMetricProblemInvalidDate(detail),
            MetricProblem.DateInFuture => Texts.FormatMetricProblemDateInFuture(detail),
            MetricProblem.DateTooOld => Texts.FormatMetricProblemDateTooOld(detail),
            MetricProblem.MissingMetric => Texts.MetricProblemMissingMetric,
            MetricProblem.UnknownMetric => Texts.FormatMetricProblemUnknownMetric(detail),
            MetricProblem.MissingValue => Texts.MetricProblemMissingValue,
            MetricProblem.InvalidValue => Texts.FormatMetricProblemInvalidValue(detail),
            MetricProblem.ValueOutOfRange => Texts.FormatMetricProblemValueOutOfRange(detail),
            MetricProblem.InvalidSource => Texts.MetricProblemInvalidSource,
            MetricProblem.Duplicate => Texts.FormatMetricProblemDuplicate(detail),
            MetricProblem.WrongColumnCount => Texts.FormatMetricProblemWrongColumnCount(detail),
            MetricProblem.UnknownLayout => Texts.MetricProblemUnknownLayout,
            MetricProblem.EmptyFile => Texts.MetricProblemEmptyFile,
            MetricProblem.TooManyRows => Texts.FormatMetricProblemTooManyRows(detail),
            MetricProblem.UnterminatedQuote => Texts.MetricProblemUnterminatedQuote,
            MetricProblem.NoSocialChannelForLayout => Texts.FormatMetricProblemNoSocialChannelForLayout(detail),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Problem, null),
        };
    }
}
