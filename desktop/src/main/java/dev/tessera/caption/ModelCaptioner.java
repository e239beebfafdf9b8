package dev.tessera.caption;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.CancelledException;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.engine.generate.TokenListener;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.ImageEmbeddingCache;
import dev.tessera.mllama.ImagePipeline;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.VisionLanguageModel;
import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.preprocess.ProcessedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Captions with a loaded {@link VisionLanguageModel}: one user turn, the image then the prompt, through the
 * model's chat template. Load the model with a small image cache ({@link #CACHE_BYTES}): a batch looks at each
 * image once, and a 2 GB cache would only hold finished images' features.
 */
public final class ModelCaptioner implements Captioner {
    /** Image-embedding cache bound for batches: 0 keeps just the image in use (the cache never drops that one). */
    public static final long CACHE_BYTES = 0;

    private final VisionLanguageModel vlm;
    private final String prompt;
    private final int maxTiles;
    private final GenerationOptions options;

    public ModelCaptioner(VisionLanguageModel vlm, String prompt, int maxTiles, GenerationOptions options) {
        if (!vlm.supportsImages()) {
            throw new dev.tessera.engine.BadInputException(vlm.dir() + ": a text-only model cannot caption images");
        }
        this.vlm = vlm;
        this.prompt = prompt;
        this.maxTiles = maxTiles;
        this.options = options;
    }

    public VisionLanguageModel model() {
        return vlm;
    }

    @Override
    public Object prepare(DecodedImage image) {
        return vlm.images().processor().process(image, maxTiles);
    }

    @Override
    public Caption caption(Path file, String sha256, DecodedImage image, Cancellation cancel) {
        return caption(file, sha256, image, null, cancel);
    }

    @Override
    public Caption caption(Path file, String sha256, DecodedImage image, Object prepared, Cancellation cancel) {
        long t0 = System.nanoTime();
        ImagePipeline images = vlm.images();
        String name = file.getFileName().toString();
        // The picture was decoded (and preprocessed) on the prefetch thread; encoding it under its content key
        // makes answer() below find it in the cache instead of decoding the file a second time.
        images.cache().get(new ImageEmbeddingCache.Key(sha256, maxTiles),
                () -> prepared instanceof ProcessedImage p ? images.encode(p, maxTiles, name, cancel)
                        : images.encode(image, maxTiles, name, cancel));
        double encodeMs = (System.nanoTime() - t0) / 1e6;
        Prompt p = vlm.chatPrompt(List.of(ChatMessage.of("user", new ContentPart.Image(file),
                new ContentPart.Text(prompt))), Map.of());
        Answer a = vlm.answer(p, maxTiles, options, TokenListener.NONE, cancel);
        GenerationResult r = a.result();
        if ("cancelled".equals(r.finishReason())) throw new CancelledException();
        String text = vlm.tokenizer().decode(r.generatedIds(), true).strip();
        return new Caption(text, r.generatedIds().length, encodeMs + a.imageEncodeMs(), r.prefillMs() + r.decodeMs());
    }

    @Override
    public void close() {
        vlm.close();
    }
}
