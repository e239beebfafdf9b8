package dev.tessera.desktop.engine;

import java.nio.file.Path;
import java.util.List;

/** A message of a conversation as the model sees it: who said it, the text, and the image files it carries. */
public record ChatTurn(Role role, String text, List<Path> images) {
    public enum Role { USER, ASSISTANT }

    public ChatTurn {
        images = List.copyOf(images);
    }

    public static ChatTurn user(String text, List<Path> images) {
        return new ChatTurn(Role.USER, text, images);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text, List.of());
    }
}
