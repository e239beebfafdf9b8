package dev.tessera.engine;

/**
 * Input that Tessera cannot use: a corrupt or unsupported file (checkpoint, image, tokenizer, config),
 * an invalid prompt or option. The command line exits with code 2 for these; the app shows the message
 * and keeps running.
 */
public class BadInputException extends TesseraException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
