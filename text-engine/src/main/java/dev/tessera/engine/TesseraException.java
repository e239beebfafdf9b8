package dev.tessera.engine;

/**
 * Base of every error Tessera reports to a person. The message is one line that names the thing at fault
 * (a file, a tensor, a setting) and the problem; the command line prints it without a stack trace.
 */
public class TesseraException extends RuntimeException {
    public TesseraException(String message) {
        super(message);
    }

    public TesseraException(String message, Throwable cause) {
        super(message, cause);
    }
}
