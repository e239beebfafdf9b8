package dev.tessera.mllama;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.engine.generate.TokenListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-turn exchange that keeps its KV cache: when the next prompt extends the tokens already processed
 * (same images), only the new tokens are prefilled. Otherwise it starts over, which is always correct; the
 * image-embedding cache still spares the image encoding.
 */
public final class Conversation {
    private final VisionLanguageModel model;
    private VisionSequence sequence;
    private List<EncodedImage> images = List.of();
    private int[] history = new int[0];

    public Conversation(VisionLanguageModel model) {
        this.model = model;
    }

    public Answer answer(Prompt prompt, int maxTiles, GenerationOptions options, TokenListener listener,
                         Cancellation cancel) {
        // before any image is encoded: a conversation that outgrew the context is refused, not trimmed
        options = PromptLimits.fitted(options, prompt.ids().length, model.contextTokens());
        Cancellation c = cancel == null ? Cancellation.NEVER : cancel;
        List<ImagePipeline.Result> images = new ArrayList<>();
        for (Path file : prompt.images()) images.add(model.images().encode(file, maxTiles, c));
        return answerWith(prompt, images, options, listener, cancel);
    }

    /**
     * As {@link #answer(Prompt, int, GenerationOptions, TokenListener, Cancellation)}, with the prompt's images
     * given as already-read {@link SourceImage}s (in {@code <|image|>} order) instead of its file paths: a
     * guarded exchange reads each image once for the guard and the main model.
     */
    public Answer answer(Prompt prompt, List<SourceImage> sources, int maxTiles, GenerationOptions options,
                         TokenListener listener, Cancellation cancel) {
        // before any image is encoded: a conversation that outgrew the context is refused, not trimmed
        options = PromptLimits.fitted(options, prompt.ids().length, model.contextTokens());
        Cancellation c = cancel == null ? Cancellation.NEVER : cancel;
        List<ImagePipeline.Result> images = new ArrayList<>();
        for (SourceImage s : sources) images.add(model.images().encode(s, maxTiles, c));
        return answerWith(prompt, images, options, listener, cancel);
    }

    private Answer answerWith(Prompt prompt, List<ImagePipeline.Result> results, GenerationOptions options,
                              TokenListener listener, Cancellation cancel) {
        List<EncodedImage> encoded = new ArrayList<>();
        List<ImageInfo> infos = new ArrayList<>();
        double encodeMs = 0;
        for (ImagePipeline.Result r : results) {
            encoded.add(r.image());
            infos.add(r.info());
            encodeMs += r.info().encodeMs();
        }
        int[] ids = prompt.ids();
        int[] fresh;
        if (sequence != null && sameImages(encoded) && startsWith(ids, history) && ids.length > history.length) {
            fresh = Arrays.copyOfRange(ids, history.length, ids.length);
        } else {
            sequence = new VisionSequence(model.decoder().newCache(ids.length + options.maxNewTokens()), encoded,
                    model.config().imageTokenIndex());
            fresh = ids;
        }
        images = encoded;
        sequence.setPrompt(ids);
        GenerationResult result = model.generate(sequence, fresh, options, listener, cancel);
        history = concat(ids, result.generatedIds());
        if (!"stop".equals(result.finishReason()) && !"length".equals(result.finishReason())) {
            sequence = null; // a cancelled turn leaves the cache mid-way: start clean next time
        } else if (result.generatedIds().length > 0 && sequence.length() < history.length) {
            // the last generated token was never fed back; the next turn prefills it with its prompt
            history = Arrays.copyOf(history, sequence.length());
        }
        if (model.supportsImages()) model.images().cache().evict();
        GenerationResult full = new GenerationResult(ids, result.generatedIds(), result.finishReason(),
                result.firstStepTop5Ids(), result.firstStepTop5Logits(), result.prefillNanos(), result.decodeNanos());
        return new Answer(prompt, full, infos, encodeMs);
    }

    private boolean sameImages(List<EncodedImage> encoded) {
        if (encoded.size() != images.size()) return false;
        for (int i = 0; i < encoded.size(); i++) if (encoded.get(i) != images.get(i)) return false;
        return true;
    }

    private static boolean startsWith(int[] ids, int[] prefix) {
        if (prefix.length > ids.length) return false;
        for (int i = 0; i < prefix.length; i++) if (ids[i] != prefix[i]) return false;
        return true;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Forgets the cached state (a new chat). */
    public void reset() {
        sequence = null;
        history = new int[0];
        images = List.of();
    }
}
