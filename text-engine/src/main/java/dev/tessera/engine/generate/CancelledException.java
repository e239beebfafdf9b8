package dev.tessera.engine.generate;

import dev.tessera.engine.TesseraException;

/** Thrown out of long work (image encoding) when the user pressed stop. */
public final class CancelledException extends TesseraException {
    public CancelledException() {
        super("cancelled");
    }
}
