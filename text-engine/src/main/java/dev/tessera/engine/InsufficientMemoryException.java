package dev.tessera.engine;

/**
 * The machine has too little memory for what was asked (a model, a context length): running anyway would
 * thrash (weights re-read from disk for every token) or die of an out-of-memory error hours in. Not bad input
 * - the same files run on a bigger machine - so the command line exits with code 1. The message says what was
 * needed, what is available and how to proceed (a shorter context, or the explicit override).
 */
public class InsufficientMemoryException extends TesseraException {
    public InsufficientMemoryException(String message) {
        super(message);
    }
}
