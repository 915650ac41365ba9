namespace Mastro.Crawlers.Push;

/// <summary>A failure worth retrying: catalogue down, 5xx, timeout, store unavailable.</summary>
public sealed class TransientSendException(string message, Exception? inner = null) : Exception(message, inner);
