package dev.tessera.mllama;

import dev.tessera.engine.generate.GenerationResult;
import java.util.List;

/** A generated answer with the images it saw and the time spent encoding them (0 for cache hits). */
public record Answer(Prompt prompt, GenerationResult result, List<ImageInfo> images, double imageEncodeMs) {}
