package dev.tessera.desktop.engine;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.checkpoint.Preset;
import dev.tessera.engine.checkpoint.RandomCheckpoint;
import dev.tessera.engine.config.GenerationConfig;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.CancelledException;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tokenizer.StreamingDecoder;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.Conversation;
import dev.tessera.mllama.ImageInfo;
import dev.tessera.mllama.ModelInfo;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.VisionLanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The one class of the app that talks to the engine (the rest of the desktop module sees only {@link ChatEngine}
 * and plain records). The window's engine: the vision-language model facade, one {@link Conversation} (KV cache) per open chat, and
 * the model's image-embedding cache, so a follow-up question neither re-encodes the image nor re-reads the
 * conversation. Not thread-safe: the app calls it from its one engine thread. Its static part reads a model
 * folder's facts and writes the demo checkpoint, for {@link ModelInspector} and {@link DemoModel}.
 */
public final class VlmChatEngine implements ChatEngine {
    /** Conversations whose KV cache is kept (the rest start over, with images still cached). */
    static final int KEPT_CONVERSATIONS = 2;
    /** The image-embedding cache of the window's model (follow-ups reuse encoded images). */
    static final long IMAGE_CACHE_BYTES = 2L << 30;

    private VisionLanguageModel vlm;
    private ModelDescription description;
    private final Map<String, Conversation> conversations = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > KEPT_CONVERSATIONS;
        }
    };

    @Override
    public ModelDescription load(Path dir) {
        return load(dir, WeightFormat.BF16);
    }

    @Override
    public ModelDescription load(Path dir, WeightFormat weights) {
        VisionLanguageModel loaded = VisionLanguageModel.load(dir, IMAGE_CACHE_BYTES, weightOptions(weights));
        close();
        vlm = loaded;
        description = new ModelDescription(dir, ModelInspector.displayName(dir), DemoModel.isDemo(dir), loaded.supportsImages(),
                loaded.checkpoint().totalBytes(), loaded.loadMs());
        return description;
    }

    @Override
    public ModelDescription model() {
        return description;
    }

    @Override
    public EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel) {
        if (vlm == null) throw new IllegalStateException("no model loaded");
        GenerationSettings s = request.settings();
        if (s.threads() > 0) Parallel.setThreads(s.threads());
        else Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        Cancellation stop = new Cancellation();
        cancel.onCancel(stop::cancel);

        Prompt prompt = vlm.chatPrompt(messages(request), Map.of());
        int maxTiles = vlm.supportsImages() ? Math.min(s.maxTiles(), vlm.config().vision().maxNumTiles()) : 1;
        GenerationConfig g = vlm.generationConfig();
        GenerationOptions options = new GenerationOptions(s.maxNewTokens(), s.temperature(), s.topP(), g.topK(), s.seed(), vlm.stopIds());
        StreamingDecoder decoder = vlm.tokenizer().streamingDecoder(true);
        StringBuilder text = new StringBuilder();
        Conversation conversation = conversations.computeIfAbsent(request.conversationId(), id -> new Conversation(vlm));
        Answer answer;
        try {
            answer = conversation.answer(prompt, maxTiles, options, id -> {
                String piece = decoder.push(id);
                if (!piece.isEmpty()) {
                    text.append(piece);
                    sink.onText(piece);
                }
            }, stop);
        } catch (CancelledException stoppedWhileEncoding) {
            conversation.reset();
            return new EngineReply("", EngineReply.Finish.STOPPED, prompt.ids().length, 0, 0, false, 0, 0);
        }
        String rest = decoder.flush();
        if (!rest.isEmpty()) {
            text.append(rest);
            sink.onText(rest);
        }
        GenerationResult r = answer.result();
        boolean cacheHit = !answer.images().isEmpty() && answer.images().stream().allMatch(ImageInfo::cached);
        EngineReply.Finish finish = switch (r.finishReason()) {
            case "stop" -> EngineReply.Finish.DONE;
            case "length" -> EngineReply.Finish.LENGTH;
            default -> EngineReply.Finish.STOPPED;
        };
        return new EngineReply(text.toString(), finish, r.promptIds().length, r.generatedIds().length,
                answer.imageEncodeMs(), cacheHit, r.prefillMs(), r.decodeTokensPerSecond());
    }

    /** The request as chat-template messages: each turn's images first, then its text (as the CLI does). */
    static List<ChatMessage> messages(ChatRequest request) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatTurn t : request.turns()) {
            if (t.role() == ChatTurn.Role.ASSISTANT) {
                out.add(ChatMessage.text("assistant", t.text().strip()));
                continue;
            }
            List<ContentPart> parts = new ArrayList<>();
            for (Path p : t.images()) parts.add(new ContentPart.Image(p));
            parts.add(new ContentPart.Text(t.text()));
            out.add(new ChatMessage("user", parts));
        }
        return out;
    }

    @Override
    public void forget(String conversationId) {
        conversations.remove(conversationId);
    }

    @Override
    public void close() {
        conversations.clear();
        if (vlm != null) vlm.close();
        vlm = null;
        description = null;
    }

    /** The engine's weight options for a format: quantized copies cached in the user's cache folder. */
    static WeightOptions weightOptions(WeightFormat w) {
        return new WeightOptions(Quantization.parse(w.id()), WeightOptions.defaultCacheRoot());
    }

    // ---- model folders: facts and the demo checkpoint (background threads) ----

    /** What a model folder holds, from its config and tensor headers (no weights are read). */
    record Facts(String architecture, long parameters, long weightBytes, Map<String, Long> bytesByDType, long bytesNeeded,
                 boolean vision) {}

    static Facts readFacts(Path dir, int contextTokens) {
        ModelConfig cfg = ModelConfig.load(dir);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            ModelInfo info = ModelInfo.of(cfg, ckpt);
            Map<String, Long> byType = new LinkedHashMap<>();
            info.bytesByDType().forEach((type, bytes) -> byType.put(String.valueOf(type), bytes));
            return new Facts(info.architecture(), info.parameters(), info.weightBytes(), byType,
                    info.bytesNeeded(cfg, contextTokens, 1), cfg.isVision());
        }
    }

    static long machineMemoryBytes() {
        return ModelInfo.totalMemoryBytes();
    }

    static boolean looksLikeModel(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json")) && Checkpoint.looksLikeCheckpoint(dir);
    }

    /** Writes the project's tiny random-weight checkpoint (the conformance fixture's shapes) into {@code dir}. */
    static void writeTinyRandom(Path dir, Path tokenizer, long seed, DoubleConsumer progress) {
        RandomCheckpoint.write(dir, Preset.TINY, RandomCheckpoint.Options.defaults().withSeed(seed).withTokenizerSource(tokenizer),
                (done, total) -> progress.accept(total == 0 ? 1 : done / (double) total));
    }

    /** The tokenizer folder beside a checkout ({@code ../shared/fixtures/tiny-mllama}), or null. */
    static Path checkoutTokenizer() {
        try {
            return RandomCheckpoint.defaultTokenizerSource();
        } catch (BadInputException notFound) {
            return null;
        }
    }
}
