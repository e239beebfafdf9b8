package dev.tessera.desktop.store;

import java.util.List;

/**
 * One message.
 *
 * @param role   "user" or "assistant"
 * @param state  "streaming" (being written when saved), "done", "stopped", "length", "blocked", "withheld", "error"
 * @param guard  guard status name (GuardStatus), with categories and detail
 * @param stats  null for user messages
 */
public record StoredMessage(String id, String role, String text, List<StoredImage> images, long createdMs, String state,
                            String guard, List<String> guardCategories, String guardDetail, Stats stats) {
    public StoredMessage {
        images = images == null ? List.of() : List.copyOf(images);
        guardCategories = guardCategories == null ? List.of() : List.copyOf(guardCategories);
        text = text == null ? "" : text;
    }

    /**
     * An image the message carried.
     *
     * @param file   the image file the model saw (a rendered PDF page or pasted image lives beside the conversation)
     * @param source the file the user gave (the PDF, or the image itself); null for clipboard images
     * @param page   1-based PDF page, 0 for images
     */
    public record StoredImage(String file, String source, int page, int pageCount) {}

    /** What an answer cost. */
    public record Stats(int promptTokens, int generatedTokens, double imageEncodeMs, boolean imageCacheHit,
                        double prefillMs, double tokensPerSecond) {}
}
