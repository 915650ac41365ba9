using System.Text.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation.FormatValidators;

namespace Mastro.Core.Lineage.Validation;

/// <summary>
/// A loaded NJsonSchema schema turned into a checker over <see cref="JsonElement"/>s that follows NJsonSchema 10.7's
/// own validation rules, in a fraction of its time (no Json.NET tree, no error objects). It only answers
/// <see cref="SchemaVerdict.Valid"/> where NJsonSchema finds no error, and <see cref="SchemaVerdict.Invalid"/> where it
/// finds one; whatever it does not model exactly (nulls, rarely used keywords, unknown formats) is
/// <see cref="SchemaVerdict.Unknown"/>, and the caller then asks NJsonSchema.
/// </summary>
/// <remarks>
/// As in NJsonSchema, a schema with a <c>$ref</c> stands for the schema it refers to, every keyword adds its own
/// errors (one error anywhere makes the value invalid), and <c>anyOf</c>, <c>oneOf</c> and <c>not</c> judge their
/// branches by whether they have any error.
/// </remarks>
internal sealed class CompiledSchema
{
    /// <summary>How a string that breaks its <c>format</c> counts.</summary>
    public enum FormatRule
    {
        /// <summary>An error, as NJsonSchema reports it.</summary>
        Enforce,
        /// <summary>No error: the caller drops format errors from NJsonSchema's answer.</summary>
        Ignore,
        /// <summary>
        /// Undecided: inside <c>anyOf</c>, <c>oneOf</c> or <c>not</c>, dropping a branch's format error afterwards does not
        /// make the branch count as valid, so ignoring it here could disagree with NJsonSchema.
        /// </summary>
        UnknownIfBroken,
    }

    /// <summary>NJsonSchema 10.7's format validators by format name; a format without one is left to NJsonSchema.</summary>
    private static readonly Dictionary<string, IFormatValidator[]> FormatValidators = new IFormatValidator[]
        {
            new DateTimeFormatValidator(), new DateFormatValidator(), new EmailFormatValidator(), new GuidFormatValidator(),
            new HostnameFormatValidator(), new TimeSpanFormatValidator(), new UriFormatValidator(), new ByteFormatValidator(),
            new UuidFormatValidator(),
        }
        .GroupBy(validator => validator.Format)
        .ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);

    private JsonObjectType _type;
    private string[]? _enumeration;
    private IFormatValidator[]? _format;
    private decimal? _minimum;
    private Dictionary<string, CompiledSchema> _properties = [];
    private string[] _required = [];
    private CompiledSchema? _additionalProperties;
    private bool _allowAdditionalProperties;
    private CompiledSchema? _item;
    private CompiledSchema[] _allOf = [];
    private CompiledSchema[] _anyOf = [];
    private CompiledSchema[] _oneOf = [];
    private CompiledSchema? _not;

    /// <summary>Uses a keyword (or a form of one) this checker does not model: every value is <see cref="SchemaVerdict.Unknown"/>.</summary>
    private bool _unmodelled;

    private CompiledSchema()
    {
    }

    /// <summary>Compiles <paramref name="schema"/> and everything it refers to; <paramref name="compiled"/> is shared so that recursive schemas compile once.</summary>
    public static CompiledSchema Compile(JsonSchema schema, Dictionary<JsonSchema, CompiledSchema> compiled)
    {
        var actual = schema.ActualSchema;
        if (compiled.TryGetValue(actual, out var done))
            return done;
        var result = new CompiledSchema();
        // Registered before its parts compile, so that a schema that contains itself (nested schema fields) refers to this one.
        compiled[actual] = result;
        result.Fill(actual, compiled);
        return result;
    }

    private void Fill(JsonSchema schema, Dictionary<JsonSchema, CompiledSchema> compiled)
    {
        _type = schema.Type;
        if (schema.Enumeration.Count > 0)
        {
            // NJsonSchema compares the texts of value and member; for members that are strings, that is plain string equality.
            _enumeration = schema.Enumeration.OfType<string>().ToArray();
            _unmodelled |= _enumeration.Length != schema.Enumeration.Count;
        }
        if (!string.IsNullOrEmpty(schema.Format))
        {
            _format = FormatValidators.GetValueOrDefault(schema.Format);
            _unmodelled |= _format is null;
        }
        _minimum = schema.Minimum;
        _unmodelled |= schema.IsExclusiveMinimum || schema.Maximum.HasValue || schema.ExclusiveMinimum.HasValue
            || schema.ExclusiveMaximum.HasValue || schema.MultipleOf.HasValue || !string.IsNullOrEmpty(schema.Pattern)
            || schema.MinLength.HasValue || schema.MaxLength.HasValue || schema.PatternProperties.Count > 0
            || schema.MaxProperties > 0 || schema.MinProperties > 0 || schema.Items.Count > 0 || schema.MinItems > 0
            || schema.MaxItems > 0 || schema.UniqueItems || !IsSingleOrNoType(schema.Type);

        _properties = schema.Properties.ToDictionary(p => p.Key, p => Compile(p.Value, compiled), StringComparer.Ordinal);
        _required = schema.RequiredProperties.ToArray();
        _additionalProperties = schema.AdditionalPropertiesSchema is { } additional ? Compile(additional, compiled) : null;
        _allowAdditionalProperties = schema.AllowAdditionalProperties;
        _item = schema.Item is { } item ? Compile(item, compiled) : null;
        _allOf = schema.AllOf.Select(s => Compile(s, compiled)).ToArray();
        _anyOf = schema.AnyOf.Select(s => Compile(s, compiled)).ToArray();
        _oneOf = schema.OneOf.Select(s => Compile(s, compiled)).ToArray();
        _not = schema.Not is { } not ? Compile(not, compiled) : null;
    }

    /// <summary>With several types NJsonSchema checks each separately and collects their errors in its own way: left to it.</summary>
    private static bool IsSingleOrNoType(JsonObjectType type) =>
        type is JsonObjectType.None or JsonObjectType.Array or JsonObjectType.Boolean or JsonObjectType.Integer
            or JsonObjectType.Null or JsonObjectType.Number or JsonObjectType.Object or JsonObjectType.String;

    /// <summary>Whether NJsonSchema would find an error in <paramref name="value"/>; see <see cref="SchemaVerdict"/>.</summary>
    public SchemaVerdict Check(JsonElement value, FormatRule formats)
    {
        // NJsonSchema lets null through wherever a schema is nullable, by rules of its own: left to it.
        if (_unmodelled || value.ValueKind == JsonValueKind.Null)
            return SchemaVerdict.Unknown;

        var verdict = OfType(value);
        if (verdict == SchemaVerdict.Invalid) return verdict;
        verdict = verdict.And(OfEnumerationAndFormat(value, formats)).And(OfMinimum(value));
        if (verdict == SchemaVerdict.Invalid) return verdict;
        verdict = verdict.And(OfCombinations(value, formats));
        if (verdict == SchemaVerdict.Invalid) return verdict;
        verdict = verdict.And(OfProperties(value, formats));
        if (verdict == SchemaVerdict.Invalid) return verdict;
        return verdict.And(OfItems(value, formats));
    }

    private SchemaVerdict OfType(JsonElement value)
    {
        var matches = _type switch
        {
            JsonObjectType.None => true,
            JsonObjectType.Object => value.ValueKind == JsonValueKind.Object,
            JsonObjectType.Array => value.ValueKind == JsonValueKind.Array,
            JsonObjectType.String => value.ValueKind == JsonValueKind.String,
            JsonObjectType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            JsonObjectType.Number => value.ValueKind == JsonValueKind.Number,
            // Json.NET reads a number written without fraction or exponent as an integer, whatever its value.
            JsonObjectType.Integer => value.ValueKind == JsonValueKind.Number && JsonNumbers.IsWrittenAsInteger(value),
            JsonObjectType.Null => false,
            _ => false,
        };
        return matches ? SchemaVerdict.Valid : SchemaVerdict.Invalid;
    }

    private SchemaVerdict OfEnumerationAndFormat(JsonElement value, FormatRule formats)
    {
        if (_enumeration is null && _format is null)
            return SchemaVerdict.Valid;
        if (value.ValueKind != JsonValueKind.String)
            // NJsonSchema compares a non-string with enumeration members by its JSON text; formats only apply to strings.
            return _enumeration is null ? SchemaVerdict.Valid : SchemaVerdict.Unknown;
        var text = value.GetString()!;
        if (_enumeration is not null && Array.IndexOf(_enumeration, text) < 0)
            return SchemaVerdict.Invalid;
        if (_format is null || _format.Any(validator => validator.IsValid(text, JTokenType.String)))
            return SchemaVerdict.Valid;
        return formats switch
        {
            FormatRule.Enforce => SchemaVerdict.Invalid,
            FormatRule.Ignore => SchemaVerdict.Valid,
            _ => SchemaVerdict.Unknown,
        };
    }

    private SchemaVerdict OfMinimum(JsonElement value)
    {
        if (_minimum is not { } minimum || value.ValueKind != JsonValueKind.Number)
            return SchemaVerdict.Valid;
        if (!value.TryGetDecimal(out var number))
            return SchemaVerdict.Unknown;
        return number < minimum ? SchemaVerdict.Invalid : SchemaVerdict.Valid;
    }

    private SchemaVerdict OfCombinations(JsonElement value, FormatRule formats)
    {
        var verdict = SchemaVerdict.Valid;
        foreach (var schema in _allOf)
        {
            verdict = verdict.And(schema.Check(value, formats));
            if (verdict == SchemaVerdict.Invalid) return verdict;
        }

        // A branch's errors decide whether the branch counts, so a format error ignored afterwards still counts here.
        var branchFormats = formats == FormatRule.Ignore ? FormatRule.UnknownIfBroken : formats;
        if (_anyOf.Length > 0)
        {
            var branches = _anyOf.Select(schema => schema.Check(value, branchFormats)).ToList();
            verdict = verdict.And(
                branches.Contains(SchemaVerdict.Valid) ? SchemaVerdict.Valid
                : branches.Contains(SchemaVerdict.Unknown) ? SchemaVerdict.Unknown
                : SchemaVerdict.Invalid);
        }
        if (_oneOf.Length > 0)
        {
            var branches = _oneOf.Select(schema => schema.Check(value, branchFormats)).ToList();
            verdict = verdict.And(
                branches.Contains(SchemaVerdict.Unknown) ? SchemaVerdict.Unknown
                : branches.Count(b => b == SchemaVerdict.Valid) == 1 ? SchemaVerdict.Valid
                : SchemaVerdict.Invalid);
        }
        if (_not is not null)
            verdict = verdict.And(_not.Check(value, branchFormats).Not());
        return verdict;
    }

    private SchemaVerdict OfProperties(JsonElement value, FormatRule formats)
    {
        if (value.ValueKind != JsonValueKind.Object)
            // NJsonSchema reports each required property of a non-object as missing, unless the schema allows null.
            return _required.Length > 0 && !_type.HasFlag(JsonObjectType.Null) ? SchemaVerdict.Invalid : SchemaVerdict.Valid;

        foreach (var required in _required)
        {
            if (!value.TryGetProperty(required, out _))
                return SchemaVerdict.Invalid;
        }
        var verdict = SchemaVerdict.Valid;
        foreach (var property in value.EnumerateObject())
        {
            if (_properties.TryGetValue(property.Name, out var schema))
                verdict = verdict.And(schema.Check(property.Value, formats));
            else if (_additionalProperties is not null)
                verdict = verdict.And(_additionalProperties.Check(property.Value, formats));
            else if (!_allowAdditionalProperties)
                return SchemaVerdict.Invalid;
            if (verdict == SchemaVerdict.Invalid) return verdict;
        }
        return verdict;
    }

    private SchemaVerdict OfItems(JsonElement value, FormatRule formats)
    {
        if (_item is null || value.ValueKind != JsonValueKind.Array)
            return SchemaVerdict.Valid;
        var verdict = SchemaVerdict.Valid;
        foreach (var item in value.EnumerateArray())
        {
            verdict = verdict.And(_item.Check(item, formats));
            if (verdict == SchemaVerdict.Invalid) return verdict;
        }
        return verdict;
    }
}
