package dev.tessera.cli;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The input side of {@code tessera chat}, the same with and without a guard: reading turns, and refusing one. */
final class ChatTurns {
    private ChatTurns() {}

    /**
     * Prompts for the next user turn and appends it to {@code history} (the image goes with the first turn).
     * {@code /new} clears the history and calls {@code onNew}; returns false at the end of the input or on {@code /quit}.
     */
    static boolean next(BufferedReader in, PrintStream out, List<ChatMessage> history, Path image, Runnable onNew)
            throws IOException {
        while (true) {
            out.print("> ");
            String line = in.readLine();
            if (line == null || line.strip().equals("/quit")) return false;
            if (line.isBlank()) continue;
            if (line.strip().equals("/new")) {
                history.clear();
                onNew.run();
                continue;
            }
            List<ContentPart> parts = new ArrayList<>();
            if (history.isEmpty() && image != null) parts.add(new ContentPart.Image(image));
            parts.add(new ContentPart.Text(line));
            history.add(new ChatMessage("user", parts));
            return true;
        }
    }

    /** A turn refused before it ran (e.g. the conversation outgrew the context): say so, forget it, keep the chat open. */
    static void refused(List<ChatMessage> history, BadInputException e) {
        history.removeLast();
        System.err.println("tessera: " + Main.oneLine(e));
    }
}
