using Microsoft.Net.Http.Headers;
using Mastro.Core.Storage;
using Mastro.Core.Validation;

namespace Mastro.Server.Http;

/// <summary>
/// Turns every failure into the error body. Expected failures (bad input, missing items, store outage)
/// keep their status; anything else is logged and answered 500 without internals.
/// </summary>
internal sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    /// <summary>Seconds a client should wait before retrying when the store is unreachable.</summary>
    private const int StoreRetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException e)
        {
            await ErrorResponses.WriteAsync(context, e.Status, e.Message);
        }
        catch (ValidationFailedException e)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (body size, header limits, aborted bodies).
            await ErrorResponses.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "request body too large" : $"bad request: {e.Message}");
        }
        catch (StoreUnavailableException e)
        {
            logger.LogWarning("Store unavailable: {Reason}", e.Message);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "the store is unavailable, retry later",
                new KeyValuePair<string, string>(HeaderNames.RetryAfter, StoreRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error");
        }
    }
}
