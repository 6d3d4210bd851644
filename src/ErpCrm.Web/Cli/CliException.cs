namespace ErpCrm.Web.Cli;

/// <summary>Ends a command with a one-line message and an exit code: 2 for bad input, 1 for anything else.</summary>
internal sealed class CliException(string message, int exitCode = CliException.BadInput) : Exception(ErpCrm.Text.Sentence.End(message))
{
    public const int BadInput = 2;
    public const int Failure = 1;

    public int ExitCode { get; } = exitCode;
}
