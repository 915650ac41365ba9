using NJsonSchema.Validation;

namespace Mastro.Core.Lineage.Validation;

/// <summary>Turns NJsonSchema's error tree into one line per broken rule: <c>$.run.runId: must be a UUID</c>.</summary>
internal static class SchemaProblems
{
    /// <summary>
    /// The leaf errors under <paramref name="errors"/>, each as "path: rule". With <paramref name="checkFormats"/> false,
    /// strings of the right type that break their <c>format</c> (URI, date-time, UUID…) are let through.
    /// </summary>
    public static IEnumerable<string> Describe(IEnumerable<ValidationError> errors, bool checkFormats = true) =>
        Leaves(errors).Where(error => checkFormats || !IsFormat(error)).Select(error => $"{Path(error.Path)}: {Rule(error)}");

    /// <summary>
    /// allOf/anyOf and item/property containers only say "something inside failed"; their children say what. The
    /// top-level oneOf never shows up here: the validator picks the event kind itself and validates against that one.
    /// </summary>
    private static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error is ChildSchemaValidationError child && child.Errors.Values.Any(list => list.Count > 0)
            ? Leaves(child.Errors.Values.SelectMany(list => list))
            : [error]);

    /// <summary>A string that breaks its <c>format</c> (date-time, URI, UUID…) but has the right type.</summary>
    private static bool IsFormat(ValidationError error) => error.Kind is ValidationErrorKind.DateTimeExpected
        or ValidationErrorKind.DateExpected or ValidationErrorKind.TimeExpected or ValidationErrorKind.TimeSpanExpected
        or ValidationErrorKind.UriExpected or ValidationErrorKind.UuidExpected or ValidationErrorKind.GuidExpected
        or ValidationErrorKind.EmailExpected or ValidationErrorKind.HostnameExpected or ValidationErrorKind.IpV4Expected
        or ValidationErrorKind.IpV6Expected or ValidationErrorKind.Base64Expected;

    /// <summary>NJsonSchema paths look like <c>#/outputs[0].facets.schema</c>; this makes them <c>$.outputs[0].facets.schema</c>.</summary>
    private static string Path(string? path)
    {
        var relative = (path ?? "#/").TrimStart('#').TrimStart('/');
        return relative.Length == 0 ? "$" : relative.StartsWith('[') ? "$" + relative : $"$.{relative}";
    }

    private static string Rule(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => "is required",
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.IntegerExpected => "must be a whole number",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.NullExpected => "must be null",
        ValidationErrorKind.DateTimeExpected => "must be a date-time (RFC 3339, e.g. 2024-01-31T12:00:00.000Z)",
        ValidationErrorKind.UriExpected => "must be an absolute URI",
        ValidationErrorKind.UuidExpected or ValidationErrorKind.GuidExpected => "must be a UUID",
        ValidationErrorKind.NotInEnumeration =>
            $"must be one of {string.Join(", ", error.Schema?.Enumeration.Select(v => v?.ToString()) ?? [])}",
        ValidationErrorKind.ExcludedSchemaValidates => "has properties this kind of event must not have",
        _ => $"breaks schema rule {error.Kind}",
    };
}
