using System.IO.Compression;
using System.Text;

namespace Mastro.Reliability.Tests.Support;

/// <summary>One malformed or hostile request, as the exact bytes that go on the wire.</summary>
public sealed record HostileRequest(string Category, string Description, byte[] Bytes);

/// <summary>
/// A seeded generator of malformed and hostile HTTP/1.1 requests: broken and deeply nested JSON, huge strings and
/// arrays, wrong types, invalid UTF-8, SQL and full-text query syntax in search terms and names, path traversal in
/// names and paths, and header and framing abuse. Request <c>i</c> of seed <c>s</c> is always the same request, so a
/// failure can be replayed. Requests are written as raw bytes because an HTTP client would repair most of them.
/// Names never equal the seeded data's names; some are built to match them only if quoting or wildcards leak.
/// </summary>
public sealed class HostileRequests(int seed, string host, int maxBodyBytes)
{
    private static readonly string[] SqlAndSearchSyntax =
    [
        "'", "''", "\"", "\\", "%", "_", "%%", "*", "?", "$1", "@names", ":name", "NULL", "null",
        "'; DROP TABLE assets; --", "' OR '1'='1", "\" OR \"1\"=\"1", "1; SELECT pg_sleep(10); --",
        "'; ATTACH DATABASE '/tmp/x.db' AS x; --", "seed-1' OR name LIKE '%", "seed-1%", "seed-_", "seed-1\\", "seed-1'--",
        "\"unterminated", "a OR b", "a AND NOT b", "NEAR(a b)", "NEAR(a b, 2)", "a:*", "!a", "a <-> b", "a & b | !c",
        "(", ")", "((((((", "{a b}:c", "^a", "-a", "+a", "a*", "*a", "\"a\" \"b\"", "name:seed-1", "asset_fts:x",
        "MATCH", "bm25(asset_fts)", "rank", "a NOT", "OR", "AND", "NOT", "'a' || 'b'", "x::text", "E'\\x00'",
        "$$ a $$", "/* comment */", "-- comment", ";", "\u2028", "\u202e", "🙂🙂", "ﷺ", "a\u0301\u0301\u0301",
        "\ud800", "\u0000", "seed-1\u0000", "\u0001\u0002", "ǅ", "İ", "ß", "Ω",
    ];

    private static readonly string[] Traversal =
    [
        "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "..\\..\\windows\\win.ini",
        "/etc/passwd", "....//....//etc/passwd", "%252e%252e%252f", "..%c0%af..%c0%afetc", "..%00/", ".", "..", "./", "~/.ssh/id_rsa",
        "file:///etc/passwd", "\\\\server\\share", "C:\\boot.ini", "%00", "%ff%fe", "a/../../b", "assets/../../../../etc/passwd",
        "%2e%2e%5c%2e%2e%5c", "..;/..;/", "//etc/passwd", "seed-1/..", "seed-1/../seed-2",
    ];

    private static readonly string[] WriteRoutes = ["/asset/", "/assets/", "/featureset/", "/metricstore/", "/api/v1/lineage"];

    private static readonly string[] QueryRoutes =
    [
        "/assets/search", "/assets/tags", "/assets/labels", "/featureset/search", "/featureset/labels",
        "/metricstore/search", "/metricstore/labels", "/labels", "/search",
    ];

    private static readonly string[] NameRoutes =
    [
        "/asset/name/", "/asset/id/", "/featureset/id/", "/featureset/name/", "/metricstore/id/", "/metricstore/name/",
        "/api/v1/lineage/runs/", "/ui/", "/ui/assets/", "/",
    ];

    private static readonly string[] ListRoutes =
    [
        "/assets/", "/featureset/", "/metricstore/", "/featureset/labels", "/lineage", "/api/v1/lineage",
        "/api/v1/lineage/runs", "/api/v1/lineage/events", "/api/v1/lineage/column-lineage", "/audit",
    ];

    private static readonly (string Name, Func<HostileRequests, Random, HostileRequest> Create)[] Generators =
    [
        ("broken JSON", (g, r) => g.BrokenJson(r)),
        ("deep nesting", (g, r) => g.DeepNesting(r)),
        ("huge values", (g, r) => g.HugeValues(r)),
        ("wrong types", (g, r) => g.WrongTypes(r)),
        ("invalid UTF-8", (g, r) => g.InvalidUtf8(r)),
        ("SQL/FTS syntax in search", (g, r) => g.SearchSyntax(r)),
        ("SQL/FTS syntax in names", (g, r) => g.NameSyntax(r)),
        ("path traversal", (g, r) => g.PathTraversal(r)),
        ("query strings", (g, r) => g.QueryStrings(r)),
        ("header abuse", (g, r) => g.HeaderAbuse(r)),
        ("framing abuse", (g, r) => g.FramingAbuse(r)),
        ("compression abuse", (g, r) => g.CompressionAbuse(r)),
    ];

    public static IEnumerable<string> Categories => Generators.Select(g => g.Name);

    public HostileRequest Create(int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        return Generators[index % Generators.Length].Create(this, random);
    }

    // ---- bodies ----

    private static string ValidAsset(Random r) =>
        $$$"""{"name":"hostile-{{{r.Next(1000)}}}","type":"dataset","description":"d","labels":{"k":"v","n":{{{r.Next()}}}},"tags":["t"],"depends-on":[],"versions":{}}""";

    private static string ValidFeatureSet(Random r) =>
        $$"""{"name":"hostile-fs-{{r.Next(100)}}","version":"v1","description":"d","labels":{"k":"v"},"features":[{"name":"f","value":1,"data_type":"int"}]}""";

    private static string ValidBody(string route, Random r) => route switch
    {
        "/asset/" => ValidAsset(r),
        "/assets/" => $"[{ValidAsset(r)},{ValidAsset(r)}]",
        "/featureset/" or "/metricstore/" => ValidFeatureSet(r),
        "/api/v1/lineage" => """{"eventType":"START","eventTime":"2024-01-01T00:00:00Z","run":{"runId":"not-a-uuid"},"job":{"namespace":"n","name":"j"},"producer":"p","schemaURL":"s"}""",
        _ => """{"query":"seed","tags":["t"],"labels":{"k":"v"},"limit":10,"page":1}""",
    };

    private HostileRequest BrokenJson(Random r)
    {
        var route = Pick(r, [.. WriteRoutes, .. QueryRoutes]);
        var valid = Encoding.UTF8.GetBytes(ValidBody(route, r));
        byte[] body = r.Next(8) switch
        {
            0 => valid[..r.Next(valid.Length)],
            1 => Flip(valid, r),
            2 => [.. valid, .. "}}]]garbage"u8.ToArray()],
            3 => Encoding.UTF8.GetBytes(Pick(r, ["", " ", "null", "[]", "{}", "[null]", "[1,2]", "\"s\"", "1e999", "-0", "true", "{\"a\":}", "{,}", "[,]", "{'a':1}", "{a:1}", "NaN", "Infinity", "[1,]", "{\"a\":1,}"])),
            4 => [0xEF, 0xBB, 0xBF, .. valid],
            5 => Encoding.UTF8.GetBytes("/* comment */" + Encoding.UTF8.GetString(valid) + "// trailing"),
            6 => RandomBytes(r, r.Next(1, 4096)),
            _ => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"name\"", "\"name\":\"dup\",\"name\"")),
        };
        return Request("broken JSON", MethodFor(route, r), route, body);
    }

    private HostileRequest DeepNesting(Random r)
    {
        var route = Pick(r, [.. WriteRoutes, .. QueryRoutes]);
        var depth = Pick(r, [65, 100, 1_000, 10_000, 100_000]);
        var (open, close) = r.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var body = r.Next(2) == 0 ? nested : ValidBody(route, r).Replace("\"v\"", nested);
        return Request("deep nesting", MethodFor(route, r), route, Encoding.UTF8.GetBytes(body), $"depth {depth}");
    }

    private HostileRequest HugeValues(Random r)
    {
        var route = Pick(r, WriteRoutes[..4]);
        var size = Pick(r, [513, 4_096, 65_536, 200_000, maxBodyBytes + 1]);
        var huge = new string((char)('a' + r.Next(26)), size);
        var body = r.Next(5) switch
        {
            0 => ValidBody(route, r).Replace("hostile-", huge),
            1 => ValidBody(route, r).Replace("\"d\"", $"\"{huge}\""),
            2 => ValidBody(route, r).Replace("[\"t\"]", "[" + string.Join(',', Enumerable.Repeat("\"t\"", size / 4)) + "]"),
            3 => ValidBody(route, r).Replace("{\"k\":\"v\"", "{" + string.Join(',', Enumerable.Range(0, size / 12).Select(i => $"\"k{i}\":\"v\"")) + ",\"k\":\"v\""),
            _ => route == "/assets/" ? "[" + string.Join(',', Enumerable.Repeat(ValidAsset(r), Math.Min(size / 100, 20_000))) + "]" : ValidBody(route, r).Replace("\"v\"", $"\"{huge}\""),
        };
        return Request("huge values", "PUT", route, Encoding.UTF8.GetBytes(body), $"{body.Length} bytes");
    }

    private HostileRequest WrongTypes(Random r)
    {
        var route = Pick(r, [.. WriteRoutes, .. QueryRoutes]);
        var field = Pick(r, ["name", "type", "description", "labels", "tags", "depends-on", "versions", "published-on", "version", "features", "metrics", "query", "limit", "page"]);
        var value = Pick(r, ["1", "-1", "1.5", "1e400", "-1e400", "99999999999999999999999", "true", "null", "[]", "{}", "[1]", "{\"a\":[]}", "\"\"", "\"x\"", "[null]", "[{\"name\":1}]", "\"2024-13-45T99:99:99Z\"", "\"not a date\"", "-9223372036854775809", "2147483648"]);
        var body = ValidBody(route, r);
        body = body.Contains($"\"{field}\":")
            ? System.Text.RegularExpressions.Regex.Replace(body, $"\"{System.Text.RegularExpressions.Regex.Escape(field)}\":(\"[^\"]*\"|\\[[^\\]]*\\]|\\{{[^}}]*\\}}|[^,}}]+)", $"\"{field}\":{value}")
            : body.TrimEnd('}', ']') + $",\"{field}\":{value}" + (body.EndsWith(']') ? "}]" : "}");
        return Request("wrong types", MethodFor(route, r), route, Encoding.UTF8.GetBytes(body), $"{field}={value}");
    }

    private HostileRequest InvalidUtf8(Random r)
    {
        var route = Pick(r, [.. WriteRoutes, .. QueryRoutes]);
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0x00]];
        var text = ValidBody(route, r);
        var at = text.IndexOf("hostile", StringComparison.Ordinal) is var i and >= 0 ? i : Math.Max(0, text.IndexOf("seed", StringComparison.Ordinal));
        var prefix = Encoding.UTF8.GetBytes(text[..at]);
        var suffix = Encoding.UTF8.GetBytes(text[at..]);
        var body = r.Next(3) == 0
            ? Encoding.UTF8.GetBytes(text[..at] + Pick(r, ["\\u0000", "\\ud800", "\\udfff", "\\ud800\\u0041", "\\uZZZZ", "\\x41", "\\"]) + text[at..])
            : [.. prefix, .. Pick(r, bad), .. suffix];
        return Request("invalid UTF-8", MethodFor(route, r), route, body);
    }

    private HostileRequest SearchSyntax(Random r)
    {
        var route = Pick(r, QueryRoutes);
        var term = Json(Pick(r, SqlAndSearchSyntax) + (r.Next(2) == 0 ? "" : " " + Pick(r, SqlAndSearchSyntax)));
        var body = route.EndsWith("tags", StringComparison.Ordinal) ? $$"""{"tags":[{{term}}]}"""
            : route.EndsWith("labels", StringComparison.Ordinal) ? $$$"""{"labels":{{{{term}}}:{{{term}}}}}"""
            : $$"""{"query":{{term}},"limit":{{Pick(r, ["0", "1", "1000", "5000"])}}}""";
        return Request("SQL/FTS syntax in search", "POST", route, Encoding.UTF8.GetBytes(body), body);
    }

    private HostileRequest NameSyntax(Random r)
    {
        var name = Pick(r, SqlAndSearchSyntax) + (r.Next(3) == 0 ? Pick(r, SqlAndSearchSyntax) : "");
        return r.Next(3) switch
        {
            0 => Request("SQL/FTS syntax in names", "PUT", "/asset/",
                Encoding.UTF8.GetBytes($$$"""{"name":{{{Json(name)}}},"type":"dataset","labels":{{{{Json(name)}}}:{{{Json(name)}}}},"tags":[{{{Json(name)}}}]}""")),
            1 => Request("SQL/FTS syntax in names", Pick(r, ["PUT"]), Pick(r, ["/featureset/", "/metricstore/"]),
                Encoding.UTF8.GetBytes($$$"""{"name":{{{Json(name)}}},"version":{{{Json(name)}}},"labels":{{{{Json(name)}}}:{{{Json(name)}}}},"features":[],"metrics":[]}""")),
            _ => Request("SQL/FTS syntax in names", Pick(r, ["GET", "GET", "DELETE"]), Pick(r, NameRoutes) + Escape(r, name), []),
        };
    }

    private HostileRequest PathTraversal(Random r)
    {
        var name = Pick(r, Traversal);
        return r.Next(3) == 0
            ? Request("path traversal", "PUT", "/asset/", Encoding.UTF8.GetBytes($$"""{"name":{{Json(name)}},"type":"dataset"}"""))
            : Request("path traversal", Pick(r, ["GET", "GET", "HEAD", "DELETE"]), Pick(r, NameRoutes) + (r.Next(2) == 0 ? name : Escape(r, name)), []);
    }

    private HostileRequest QueryStrings(Random r)
    {
        string Value() => Pick(r, ["", "-1", "0", "abc", "1e3", "99999999999999999999", "2147483648", "-2147483649", "%00", "%ff", "1%20OR%201=1", "'", "%27", "[]", "1,2", "NaN"]);
        var parameters = Enumerable.Range(0, r.Next(1, 6)).Select(_ =>
            $"{Pick(r, ["limit", "page", "k", "direction", "depth", "nodeId", "dataset", "job", "actor", "since", "%00", "a[b]", "", "="])}={Value()}");
        return Request("query strings", "GET", Pick(r, ListRoutes) + "?" + string.Join('&', parameters), []);
    }

    private HostileRequest HeaderAbuse(Random r)
    {
        var route = Pick(r, ["/assets/", "/asset/name/seed-1", "/assets/search", "/featureset/"]);
        var method = route == "/assets/search" ? "POST" : "GET";
        var body = method == "POST" ? """{"query":"seed"}"""u8.ToArray() : [];
        (string, string)[] headers = r.Next(12) switch
        {
            0 => [("X-Big", new string('a', Pick(r, [8_000, 40_000, 100_000])))],
            1 => Enumerable.Range(0, Pick(r, [101, 500])).Select(i => ($"X-H{i}", "v")).ToArray(),
            2 => [("Authorization", Pick(r, ["Bearer", "Bearer ", "Bearer " + new string('x', 5000), "Basic !!!", "Bearer mst_' OR 1=1", "Bearer \u0000"]))],
            3 => [("Content-Type", Pick(r, ["multipart/form-data; boundary=", "application/json; charset=utf-7", "text/plain; charset=\u00ff", "application/x-www-form-urlencoded", "*/*;;;;"]))],
            4 => [("Accept", Pick(r, ["text/html", "application/xml", "*/*;q=abc", "application/json;q=0", new string(',', 3000)]))],
            5 => [("X-Forwarded-For", Pick(r, ["'; DROP TABLE", "999.999.999.999", new string('1', 5000), "::::::"])), ("X-Forwarded-Host", "evil.example")],
            6 => [("Origin", Pick(r, ["null", "http://evil.example", "javascript:alert(1)", new string('o', 3000)]))],
            7 => [("Expect", Pick(r, ["100-continue", "200-ok", "garbage"]))],
            8 => [("Range", Pick(r, ["bytes=0-0", "bytes=-1", "bytes=99999999999999-", "lines=1-2"])), ("If-None-Match", "\"\u00ff\"")],
            9 => [("Cookie", new string('c', Pick(r, [100, 20_000])))],
            10 => [("Content-Length", "abc")],
            _ => [("X-Bad\u0001Name", "v"), ("X-Tab", "a\tb"), ("X-Obs", "a\r\n folded")],
        };
        return Request("header abuse", method, route, body, string.Join(' ', headers.Select(h => h.Item1)), headers);
    }

    private HostileRequest FramingAbuse(Random r)
    {
        var body = ValidAsset(r);
        var raw = r.Next(12) switch
        {
            0 => $"PUT /asset/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{body}",
            1 => $"PUT /asset/ HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\nConnection: close\r\n\r\nzz\r\n{body}\r\n0\r\n\r\n",
            2 => $"PUT /asset/ HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{body.Length - 10:x}\r\n{body}\r\n0\r\n\r\n",
            3 => $"PUT /asset/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: {body.Length / 2}\r\nConnection: close\r\n\r\n{body}",
            4 => $"PUT /asset/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: -1\r\nConnection: close\r\n\r\n{body}",
            5 => $"GET {Pick(r, ["*", "http://evil.example/assets/", "assets", "//assets", "/assets/%", "/%zz", "/\u00ff"])} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            6 => $"{Pick(r, ["FOO", "CONNECT", "TRACE", "PROPFIND", "G\u0000ET", "get", ""])} /assets/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            7 => $"GET /assets/ HTTP/{Pick(r, ["0.9", "1.2", "2.0", "9.9", "1.1 extra"])}\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            8 => $"GET /assets/ HTTP/1.1\r\n{Pick(r, ["", $"Host: {host}\r\nHost: other\r\n", "Host: \r\n", "Host: a b\r\n"])}Connection: close\r\n\r\n",
            9 => $"GET /assets/ HTTP/1.1\nHost: {host}\nConnection: close\n\n",
            10 => $"GET /{new string('a', Pick(r, [9_000, 70_000]))} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            _ => $"PUT /asset/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: {body.Length}\r\n\r\n{body}GET /assets/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
        };
        var requestLine = raw.Split('\n')[0].TrimEnd('\r');
        return new HostileRequest("framing abuse", requestLine.Length > 80 ? requestLine[..80] + "…" : requestLine, Encoding.UTF8.GetBytes(raw));
    }

    private HostileRequest CompressionAbuse(Random r)
    {
        var route = Pick(r, ["/asset/", "/assets/", "/assets/search", "/featureset/"]);
        var json = Encoding.UTF8.GetBytes(ValidBody(route, r));
        var (encoding, body) = r.Next(6) switch
        {
            0 => ("gzip", json),
            1 => ("gzip", Gzip(json)[..Math.Max(1, Gzip(json).Length / 2)]),
            2 => ("deflate", RandomBytes(r, 200)),
            3 => ("br", RandomBytes(r, 200)),
            4 => (Pick(r, ["xyz", "gzip, gzip", "identity", "*", "compress"]), json),
            _ => ("gzip", Gzip(new byte[Pick(r, [maxBodyBytes + 1, 4 * maxBodyBytes])])),
        };
        return Request("compression abuse", MethodFor(route, r), route, body, $"Content-Encoding: {encoding}, {body.Length} bytes",
            [("Content-Encoding", encoding)]);
    }

    // ---- helpers ----

    /// <summary>The route's own verb, and now and then a wrong one.</summary>
    private static string MethodFor(string route, Random r) =>
        r.Next(10) == 0 ? Pick(r, ["GET", "DELETE", "PATCH", "OPTIONS"])
        : QueryRoutes.Contains(route) || route == "/api/v1/lineage" ? "POST" : "PUT";

    private HostileRequest Request(string category, string method, string target, byte[] body, string? description = null, (string Name, string Value)[]? headers = null)
    {
        var head = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        if (headers is null || headers.All(h => !h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            head.Append($"Content-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers ?? [])
            head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        var shortTarget = target.Length > 80 ? target[..80] + "…" : target;
        return new HostileRequest(category, $"{method} {shortTarget} {description}".TrimEnd(), [.. Encoding.UTF8.GetBytes(head.ToString()), .. body]);
    }

    private static string Escape(Random r, string name) => r.Next(3) switch
    {
        0 => Uri.EscapeDataString(name),
        1 => name.Replace(" ", "%20").Replace("#", "%23").Replace("?", "%3F"),
        _ => string.Concat(Encoding.UTF8.GetBytes(name).Select(b => b is >= 0x21 and < 0x7F and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}")),
    };

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static byte[] Flip(byte[] bytes, Random r)
    {
        var copy = bytes.ToArray();
        for (var i = 0; i < 1 + r.Next(4); i++)
            copy[r.Next(copy.Length)] = (byte)r.Next(256);
        return copy;
    }

    private static byte[] RandomBytes(Random r, int count)
    {
        var bytes = new byte[count];
        r.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(content);
        return output.ToArray();
    }
}
