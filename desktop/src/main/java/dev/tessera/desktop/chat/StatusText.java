package dev.tessera.desktop.chat;

import dev.tessera.desktop.store.StoredMessage;
import java.util.Locale;

/** The status line after an answer: image encoding, speed, tokens. */
final class StatusText {
    private StatusText() {}

    static String of(StoredMessage.Stats s, MessageState state) {
        if (s == null) return state == MessageState.BLOCKED ? "The question was blocked by the guard; nothing was generated." : "";
        StringBuilder sb = new StringBuilder();
        if (s.imageCacheHit()) sb.append("image from cache (0 ms)");
        else if (s.imageEncodeMs() > 0) sb.append(String.format(Locale.ROOT, "image encoded in %.0f ms", s.imageEncodeMs()));
        else sb.append("no image");
        sb.append(String.format(Locale.ROOT, " · prompt %d tokens in %.0f ms · %d tokens at %.1f tokens/s",
                s.promptTokens(), s.prefillMs(), s.generatedTokens(), s.tokensPerSecond()));
        if (state == MessageState.STOPPED) sb.append(" · stopped");
        if (state == MessageState.LENGTH) sb.append(" · token limit reached");
        return sb.toString();
    }
}
