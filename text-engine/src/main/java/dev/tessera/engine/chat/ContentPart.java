package dev.tessera.engine.chat;

import java.nio.file.Path;
import java.util.Objects;

/** One item of a message's content: text, or an image shown to the model as one {@code <|image|>} token. */
public sealed interface ContentPart {
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image; {@code path} is null where only the position matters (prompt goldens, Guard prompts). */
    record Image(Path path) implements ContentPart {}
}
