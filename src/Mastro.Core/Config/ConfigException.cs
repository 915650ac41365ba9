namespace Mastro.Core.Config;

/// <summary>A configuration problem. The message is one line naming the key (or file) at fault.</summary>
public sealed class ConfigException(string message) : Exception(message);
