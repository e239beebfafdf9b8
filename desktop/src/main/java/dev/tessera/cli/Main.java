package dev.tessera.cli;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tessera} command line. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input, 3 blocked by
 * the guard.
 * Errors are one line on stderr; stack traces only with {@code --debug}.
 */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "Tessera 0.1.0",
        description = "Llama 3.2 Vision on your own machine. With no command, opens the desktop app.",
        subcommands = {AskCommand.class, ChatCommand.class, CaptionCommand.class, GuardCommand.class, TokenizeCommand.class, InspectCommand.class, MakeRandomCommand.class, BenchCommand.class, ExportGgufCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;

    /** {@code BLOCKED}: the guard stopped the exchange (unsafe, or it could not check); the reason is on stderr. */
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2, BLOCKED = 3;

    @Override
    public void run() {
        DesktopEntry.open();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this in-process). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            PrintWriter err = commandLine.getErr();
            if (debug) ex.printStackTrace(err);
            err.println("tessera: " + oneLine(ex));
            err.flush();
            return exitCode(ex);
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("tessera: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return BAD_INPUT;
        });
        return cli;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) return BAD_INPUT;
        return FAILED;
    }

    static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) msg = ex.getClass().getSimpleName();
        if (!(ex instanceof TesseraException) && !(ex instanceof IllegalArgumentException)) {
            msg = ex.getClass().getSimpleName() + ": " + msg;
        }
        return msg.lines().findFirst().orElse(msg);
    }
}
