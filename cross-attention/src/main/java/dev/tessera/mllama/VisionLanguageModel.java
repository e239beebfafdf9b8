package dev.tessera.mllama;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ChatTemplate;
import dev.tessera.engine.chat.PromptText;
import dev.tessera.engine.config.GenerationConfig;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.engine.generate.Generator;
import dev.tessera.engine.generate.TokenListener;
import dev.tessera.engine.llama.CrossLayerFactory;
import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.quant.QuantizedWeights;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Llama 3.2 Vision (or a plain Llama text model) loaded from a Hugging Face folder: tokenizer and chat
 * template, the vision encoder and projector, and the decoder with its gated cross-attention layers.
 * <pre>
 *   image -> ImagePipeline (decode, preprocess, ViT, projector; cached by content) -> EncodedImage
 *   prompt ids + EncodedImages -> VisionSequence -> LlamaModel (self + cross layers) -> tokens
 * </pre>
 */
public final class VisionLanguageModel implements AutoCloseable {
    private final Path dir;
    private final ModelConfig config;
    private final GenerationConfig generation;
    private final Checkpoint checkpoint;
    private final Tokenizer tokenizer;
    private final ChatTemplate template; // null when the folder has none
    private final LlamaModel decoder;
    private final ImagePipeline images;  // null for text-only models
    private final int contextTokens;
    private final long loadNanos;
    private boolean closed;

    private VisionLanguageModel(Path dir, ModelConfig config, GenerationConfig generation, Checkpoint checkpoint,
                                Tokenizer tokenizer, ChatTemplate template, LlamaModel decoder, ImagePipeline images,
                                int contextTokens, long loadNanos) {
        this.dir = dir;
        this.config = config;
        this.generation = generation;
        this.checkpoint = checkpoint;
        this.tokenizer = tokenizer;
        this.template = template;
        this.decoder = decoder;
        this.images = images;
        this.contextTokens = contextTokens;
        this.loadNanos = loadNanos;
    }

    /** Loads a model folder with the default context and the memory check; see {@link LoadOptions}. */
    public static VisionLanguageModel load(Path dir) {
        return load(dir, LoadOptions.defaults());
    }

    /** Loads a model folder; {@code imageCacheBytes} bounds the image-embedding cache. */
    public static VisionLanguageModel load(Path dir, long imageCacheBytes) {
        return load(dir, imageCacheBytes, WeightOptions.BF16);
    }

    /** As above, with the decoder's matrices quantized (or mapped from the quantized-model cache) as {@code weights} says. */
    public static VisionLanguageModel load(Path dir, long imageCacheBytes, WeightOptions weights) {
        return load(dir, LoadOptions.defaults().withImageCacheBytes(imageCacheBytes).withWeights(weights));
    }

    /**
     * Loads a model folder. Before any weight is touched, the memory it needs for the chosen context and weight
     * format is checked against what is available (unless the options skip the check); an {@link
     * dev.tessera.engine.InsufficientMemoryException} says why it will not run well here.
     */
    public static VisionLanguageModel load(Path dir, LoadOptions options) {
        WeightOptions weights = options.weights();
        long t0 = System.nanoTime();
        ModelConfig config = ModelConfig.load(dir);
        int context = contextFor(config, options.contextTokens());
        GenerationConfig generation = GenerationConfig.load(dir, config.eosTokenIds());
        Tokenizer tokenizer = Tokenizer.load(dir);
        ChatTemplate template = hasTemplate(dir) ? ChatTemplate.load(dir) : null;
        Checkpoint ckpt = Checkpoint.open(dir);
        try {
            if (options.memory() != null) {
                MemoryCheck.check(dir.getFileName().toString(), ModelInfo.of(config, ckpt), config, context,
                        weights.quant(), MemoryCheck.residentWeightBytes(ckpt, weights.quant()), options.memory().get());
            }
            QuantizedWeights.attach(ckpt, weights.quant(), weights.cacheRoot(), ProgressListener.NONE);
            ckpt.keepWarm(java.time.Duration.ofSeconds(15)); // idle file pages are dropped after ~30 s on these machines
            CrossLayerFactory cross = config.isVision() ? CrossAttentionLayer::new : CrossLayerFactory.SKIP;
            LlamaModel decoder = LlamaModel.load(ckpt, config.text(), cross);
            ImagePipeline images = config.isVision() ? new ImagePipeline(dir, ckpt, config, options.imageCacheBytes()) : null;
            return new VisionLanguageModel(dir, config, generation, ckpt, tokenizer, template, decoder, images, context,
                    System.nanoTime() - t0);
        } catch (RuntimeException e) {
            ckpt.close();
            throw e;
        }
    }

    /** The context a session gets: as asked, at most the model's max_position_embeddings (RoPE was trained to it). */
    private static int contextFor(ModelConfig config, int asked) {
        int max = config.text().maxPositionEmbeddings();
        if (asked < 0) throw new BadInputException("--context must be positive, got " + asked);
        if (asked == 0) return Math.min(LoadOptions.DEFAULT_CONTEXT, max);
        if (asked > max) {
            throw new BadInputException("--context " + asked + " is more than this model allows (max_position_embeddings "
                    + max + " in config.json)");
        }
        return asked;
    }

    private static boolean hasTemplate(Path dir) {
        return Files.isRegularFile(dir.resolve("chat_template.json")) || Files.isRegularFile(dir.resolve("tokenizer_config.json"));
    }

    public Path dir() {
        return dir;
    }

    public ModelConfig config() {
        return config;
    }

    public GenerationConfig generationConfig() {
        return generation;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public LlamaModel decoder() {
        return decoder;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public boolean supportsImages() {
        return images != null;
    }

    public ImagePipeline images() {
        if (images == null) throw new BadInputException(dir.getFileName() + ": this is a text-only model; it cannot read images");
        return images;
    }

    /** The most tokens one conversation may hold, prompt and answers together. */
    public int contextTokens() {
        return contextTokens;
    }

    public double loadMs() {
        return loadNanos / 1e6;
    }

    public ChatTemplate template() {
        if (template == null) throw new BadInputException(dir.getFileName() + ": no chat template (tokenizer_config.json or chat_template.json)");
        return template;
    }

    /**
     * A raw prompt: handed to the tokenizer as is (special tokens recognised), after the processor's rule that
     * inserts {@code <|begin_of_text|>} after any leading image tokens when it is absent.
     */
    public Prompt rawPrompt(String text, List<Path> imageFiles) {
        PromptLimits.checkImages("the prompt", imageFiles.size());
        String templated = PromptText.withBos(text);
        return PromptLimits.checked(new Prompt(templated, tokenizer.encode(templated, true), imageFiles), contextTokens);
    }

    /** A chat prompt rendered with the model's own template; images come from the messages in order. */
    public Prompt chatPrompt(List<ChatMessage> messages, Map<String, ?> variables) {
        for (int i = 0; i < messages.size(); i++) {
            PromptLimits.checkImages("message " + (i + 1) + " (" + messages.get(i).role() + ")", messages.get(i).images().size());
        }
        String templated = template().render(messages, true, variables);
        List<Path> files = new ArrayList<>();
        for (ChatMessage m : messages) files.addAll(m.imagePaths());
        return PromptLimits.checked(new Prompt(templated, tokenizer.encode(templated, true), files), contextTokens);
    }

    /** The generation options the model folder recommends, with the caller's budget. */
    public int[] stopIds() {
        return generation.eosTokenIds();
    }

    /** Encodes the prompt's images (cache first) and generates an answer, streaming tokens to the listener. */
    public Answer answer(Prompt prompt, int maxTiles, GenerationOptions options, TokenListener listener,
                         Cancellation cancel) {
        Conversation c = new Conversation(this);
        return c.answer(prompt, maxTiles, options, listener, cancel);
    }

    /** As above, with the images already read (shared with a guard model): see {@link Conversation}. */
    public Answer answer(Prompt prompt, List<SourceImage> images, int maxTiles, GenerationOptions options,
                         TokenListener listener, Cancellation cancel) {
        return new Conversation(this).answer(prompt, images, maxTiles, options, listener, cancel);
    }

    GenerationResult generate(VisionSequence seq, int[] newIds, GenerationOptions options, TokenListener listener,
                              Cancellation cancel) {
        return new Generator(decoder).generate(seq, newIds, options, listener, cancel);
    }

    @Override
    public synchronized void close() {
        if (closed) return; // a guarded exchange may hand a model back early and again at the end
        closed = true;
        checkpoint.close();
    }
}
