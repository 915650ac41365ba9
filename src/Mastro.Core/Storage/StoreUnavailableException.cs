namespace Mastro.Core.Storage;

/// <summary>The store cannot be reached right now (connection refused, server shutting down…); retrying later may work.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
