package dev.tessera.desktop.app;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One readable line for an error shown in the window. */
public final class Errors {
    private Errors() {}

    public static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) msg = t.getClass().getSimpleName();
        return msg.lines().findFirst().orElse(msg);
    }
}
