package dev.tessera.mllama;

import java.nio.file.Path;
import java.util.List;

/**
 * A prompt ready for the model: the exact string handed to the tokenizer, its ids, and the images its
 * {@code <|image|>} tokens stand for, in order.
 */
public record Prompt(String templated, int[] ids, List<Path> images) {
    public Prompt {
        images = List.copyOf(images);
    }
}
