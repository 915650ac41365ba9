using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mastro.Server.Tests.Api;

/// <summary>An answer: status, headers and the body parsed as JSON when it is JSON.</summary>
public sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("null JSON body");

    /// <summary>The error body's message, after checking the body has exactly the original's three keys.</summary>
    public string ErrorMessage
    {
        get
        {
            var body = Json.AsObject();
            Assert.Equal(["error", "message", "status"], body.Select(p => p.Key).Order());
            Assert.Equal((int)Status, (int)body["status"]!);
            return (string)body["message"]!;
        }
    }
}

/// <summary>Sends raw JSON text, so tests control exactly what goes over the wire.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);
    public Task<ApiResponse> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);
    public Task<ApiResponse> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<ApiResponse> PutAsync(string path, JsonNode json) => PutAsync(path, json.ToJsonString());
    public Task<ApiResponse> PostAsync(string path, JsonNode json) => PostAsync(path, json.ToJsonString());

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        return await SendAsync(request);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), text);
    }
}
