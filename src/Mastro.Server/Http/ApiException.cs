namespace Mastro.Server.Http;

/// <summary>Ends a request with an error body; thrown by endpoint helpers, answered by <see cref="ErrorHandlingMiddleware"/>.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static ApiException TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, message);
}
