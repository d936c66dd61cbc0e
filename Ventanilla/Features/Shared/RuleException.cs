namespace Ventanilla.Features.Shared;

/// <summary>
/// A rule of the office was broken by the input or the current state. The message is Spanish and
/// names what is wrong and where; the UI and the CLI show it as is.
/// </summary>
public sealed class RuleException(string message) : Exception(message);
