package dev.tessera.engine.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation, as chat templates see it ({@code role} "system", "user", "assistant", ...).
 *
 * <p>{@code plainText} records that the content was a single string rather than a list of items. Templates can
 * tell the two apart: the Llama 3.2 Vision template prints both the same, but the Llama Guard template only
 * reads text from list items, so the form given by the user is passed on as is.
 */
public record ChatMessage(String role, List<ContentPart> content, boolean plainText) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        if (plainText && !(content.size() == 1 && content.getFirst() instanceof ContentPart.Text)) {
            throw new IllegalArgumentException("plainText needs exactly one text part");
        }
    }

    /** A message whose content is a list of items (what a template receives as a list of dicts). */
    public ChatMessage(String role, List<ContentPart> content) {
        this(role, content, false);
    }

    /** A message whose content is one string. */
    public static ChatMessage text(String role, String text) {
        return new ChatMessage(role, List.of(new ContentPart.Text(text)), true);
    }

    /** A message with content items, e.g. {@code of("user", new Image(path), new Text("What is this?"))}. */
    public static ChatMessage of(String role, ContentPart... parts) {
        return new ChatMessage(role, List.of(parts), false);
    }

    /** The image items in order (their paths may be null). */
    public List<ContentPart.Image> images() {
        return content.stream()
                .filter(p -> p instanceof ContentPart.Image)
                .map(p -> (ContentPart.Image) p)
                .toList();
    }

    /** Paths of the images that have one, in order. */
    public List<Path> imagePaths() {
        return images().stream().map(ContentPart.Image::path).filter(Objects::nonNull).toList();
    }
}
