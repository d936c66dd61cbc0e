namespace Ventanilla.Data;

/// <summary>A database that cannot be opened or upgraded; the message says which file and why, in Spanish.</summary>
public sealed class DatabaseStartupException(string message, Exception inner) : Exception(message, inner);
