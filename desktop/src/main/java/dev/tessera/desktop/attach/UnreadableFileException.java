package dev.tessera.desktop.attach;

/**
 * A dropped or chosen file the window cannot use (a broken, encrypted or empty PDF, a page of absurd size), with a
 * one-line message that names the file: the window lists it under "Not attached" and goes on. The window's own
 * type, so the attach code needs nothing from the engine's packages (see EngineBoundaryTest).
 */
public final class UnreadableFileException extends RuntimeException {
    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
