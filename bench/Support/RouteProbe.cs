namespace Mastro.Bench.Support;

/// <summary>Tells whether a route is served yet: parts of the API are built while the bench is (lineage).</summary>
public static class RouteProbe
{
    /// <summary>Null when the route answers with <paramref name="expectedStatus"/>, else why not.</summary>
    public static async Task<string?> ProblemAsync(HttpRequestMessage request, int expectedStatus, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode == expectedStatus
            ? null
            : $"{request.Method} {request.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(cancellationToken))}";
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
