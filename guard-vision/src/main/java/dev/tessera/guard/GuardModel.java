package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.Generator;
import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.llama.Sequence;
import dev.tessera.mllama.EncodedImage;
import dev.tessera.mllama.ImagePipeline;
import dev.tessera.mllama.SourceImage;
import dev.tessera.mllama.VisionLanguageModel;
import dev.tessera.mllama.VisionSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Llama Guard 3 run by the engine: Llama Guard 3 11B-Vision (an mllama checkpoint) or Llama Guard 3 1B (a plain
 * llama checkpoint, text only), loaded like any model folder.
 *
 * <p>One check = one prefill over the prompt plus the verdict prefix (so its logits are the verdict step's:
 * P(unsafe) comes out of the same pass, no extra decode step), then greedy decoding of the few verdict tokens
 * ({@code safe<|eot_id|>}: one more step; {@code unsafe\nS1,S10<|eot_id|>}: six). The guard encodes images with
 * its own vision weights, from the shared {@link SourceImage} (never re-reading the file) and through its own
 * image cache, so the output check reuses the encoding and cross-attention keys/values of the input check.
 */
public final class GuardModel implements Classifier, AutoCloseable {
    private final VisionLanguageModel vlm;
    private final GuardSettings settings;
    private final GuardPrompt.Builder prompts;
    private final VerdictParser parser;
    private final int safeId, unsafeId;
    /**
     * The last check's sequence per role, kept for the next check of that role: the guard prompt's long fixed
     * head (instructions and categories, about 140 tokens) and, in a chat, every earlier turn are the same
     * every time, so the next check prefills only what is new. Input and output checks cannot share one:
     * the role is named in the prompt's first line.
     */
    private final Map<GuardRole, Sequence> warm = new EnumMap<>(GuardRole.class);

    public GuardModel(VisionLanguageModel vlm, GuardSettings settings) {
        this.vlm = vlm;
        this.settings = settings;
        this.prompts = GuardPrompt.builder(settings.framing() == Framing.HF_CHAT_TEMPLATE ? vlm.template() : null, vlm.tokenizer());
        this.parser = new VerdictParser(settings);
        this.safeId = singleToken("safe");
        this.unsafeId = singleToken("unsafe");
        // fail at load, not at the first exchange, when the folder is not a guard (e.g. the main model given twice)
        prompts.build(List.of(ChatMessage.text("user", "hello")), settings);
    }

    /** Opens a guard model folder; a folder that is not a Llama Guard 3 model is a {@link BadInputException}. */
    public static GuardModel load(Path dir, GuardSettings settings) {
        VisionLanguageModel vlm = VisionLanguageModel.load(dir);
        try {
            return new GuardModel(vlm, settings);
        } catch (RuntimeException e) {
            vlm.close();
            throw new BadInputException(dir + " does not work as a Llama Guard 3 model: " + e.getMessage(), e);
        }
    }

    private int singleToken(String word) {
        int[] ids = vlm.tokenizer().encode(word, false);
        if (ids.length != 1) throw new BadInputException(vlm.dir() + ": '" + word + "' is not one token in this tokenizer");
        return ids[0];
    }

    public GuardSettings settings() {
        return settings;
    }

    public VisionLanguageModel model() {
        return vlm;
    }

    public boolean supportsImages() {
        return vlm.supportsImages();
    }

    public int safeId() {
        return safeId;
    }

    public int unsafeId() {
        return unsafeId;
    }

    public GuardPrompt prompt(GuardConversation c) {
        return prompts.build(c, settings);
    }

    @Override
    public synchronized GuardResult classify(GuardConversation c, List<SourceImage> images, Cancellation cancel) {
        GuardPrompt prompt = prompt(c);
        if (c.imageItems() == 0) return run(prompt, List.of(), 0, cancel);
        if (!vlm.supportsImages()) {
            return new GuardResult(Verdict.error(vlm.dir().getFileName() + " is a text-only guard (Llama Guard 3 1B?): "
                    + "it cannot check images; use Llama Guard 3 11B-Vision"), c.role(), prompt, GuardResult.Timings.NONE);
        }
        if (images.size() != c.imageItems()) {
            throw new IllegalArgumentException("the conversation shows " + c.imageItems() + " image(s) but " + images.size() + " were given");
        }
        // Llama Guard 3 Vision takes one image (one <|image|> whatever the count): with several, each is checked
        // in its own pass with the same text, and the worst verdict stands.
        List<GuardResult> each = new ArrayList<>();
        for (SourceImage img : images) {
            ImagePipeline.Result r = vlm.images().encode(img, settings.maxTiles());
            each.add(run(prompt, List.of(r.image()), r.info().encodeMs(), cancel));
            if (!each.getLast().verdict().isSafe()) break; // the exchange is decided
        }
        return combine(each);
    }

    private GuardResult run(GuardPrompt prompt, List<EncodedImage> images, double encodeMs, Cancellation cancel) {
        LlamaModel decoder = vlm.decoder();
        int[] ids = prompt.idsWithPrefix();
        int max = settings.maxNewTokens();
        // taken out while in use: a check that fails or is cancelled half-way leaves nothing half-done behind
        Sequence seq = warm.remove(prompt.role());
        int reused = seq == null || !sameImages(seq, images) ? 0 : Math.min(commonPrefix(seq.tokens(), ids), ids.length - 1);
        if (reused > 0) {
            seq.truncate(reused);
        } else if (vlm.config().isVision()) {
            seq = new VisionSequence(decoder.newCache(ids.length + max), images, vlm.config().imageTokenIndex());
        } else {
            seq = decoder.newSequence(ids.length + max);
        }
        if (seq instanceof VisionSequence vs) vs.setPrompt(ids);
        long t0 = System.nanoTime();
        float[] logits = null;
        for (int off = reused; off < ids.length; off += Generator.PREFILL_CHUNK) {
            if (cancel != null && cancel.isCancelled()) return cancelled(prompt);
            logits = decoder.forward(seq, ids, off, Math.min(Generator.PREFILL_CHUNK, ids.length - off));
        }
        long t1 = System.nanoTime();
        double[] p = probabilities(logits, safeId, unsafeId);
        int[] out = new int[max];
        int n = 0;
        int[] stop = vlm.stopIds();
        boolean hopeless = false;
        while (n < max) { // greedy: the verdict is the argmax, exactly what the fixture's recipe reads
            if (cancel != null && cancel.isCancelled()) return cancelled(prompt);
            int id = argmax(logits);
            out[n++] = id;
            if (contains(stop, id) || n == max) break;
            // a first word that can no longer become safe/unsafe is already a failure: decoding the rest of the
            // budget would only delay the (blocking) answer
            if (hopeless = !VerdictParser.couldBeVerdict(vlm.tokenizer().decode(Arrays.copyOf(out, n), true))) break;
            logits = decoder.forward(seq, new int[] {id}, 0, 1);
        }
        long t2 = System.nanoTime();
        int[] generated = Arrays.copyOf(out, n);
        String text = vlm.tokenizer().decode(generated, true);
        Verdict v = parser.parse(text, p[1], p[0], settings.threshold());
        if (v.kind() == Verdict.Kind.UNPARSEABLE && !contains(stop, generated[n - 1])) {
            v = new Verdict(v.kind(), v.categories(), v.unsafeProbability(), v.safeProbability(), v.threshold(),
                    v.generatedText(), v.reason() + (hopeless ? " (stopped after " + n + " tokens: not a verdict)"
                    : " (cut off after " + max + " tokens)"));
        }
        warm.put(prompt.role(), seq);
        return new GuardResult(v, prompt.role(), prompt, new GuardResult.Timings(0, encodeMs, (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, ids.length, reused, n, images.size()));
    }

    /**
     * Whether a kept sequence saw the same images (the very same encodings: the guard's image cache hands out
     * one object per image): the keys and values of every token after {@code <|image|>} depend on them.
     */
    private static boolean sameImages(Sequence seq, List<EncodedImage> images) {
        List<EncodedImage> had = seq instanceof VisionSequence vs ? vs.images() : List.of();
        if (had.size() != images.size()) return false;
        for (int i = 0; i < had.size(); i++) if (had.get(i) != images.get(i)) return false;
        return true;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length), i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    /**
     * {P(safe), P(unsafe)}: the softmax over the whole vocabulary at the verdict step (the fixture's recipe and
     * Meta's evaluation code), not renormalised over the two words.
     */
    static double[] probabilities(float[] logits, int safeId, int unsafeId) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        return new double[] {Math.exp(logits[safeId] - max) / sum, Math.exp(logits[unsafeId] - max) / sum};
    }

    private GuardResult cancelled(GuardPrompt prompt) {
        return new GuardResult(Verdict.error("cancelled"), prompt.role(), prompt, GuardResult.Timings.NONE);
    }

    private static GuardResult combine(List<GuardResult> each) {
        if (each.size() == 1) return each.getFirst();
        GuardResult worst = each.getFirst();
        GuardResult.Timings t = worst.timings();
        for (GuardResult r : each.subList(1, each.size())) {
            t = t.plus(r.timings());
            if (rank(r.verdict()) > rank(worst.verdict())) worst = r;
        }
        return new GuardResult(worst.verdict(), worst.role(), worst.prompt(), t);
    }

    private static int rank(Verdict v) {
        return switch (v.kind()) {
            case SAFE -> 0;
            case UNSAFE -> 1;
            case UNPARSEABLE, ERROR -> 2;
        };
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static boolean contains(int[] xs, int x) {
        for (int v : xs) if (v == x) return true;
        return false;
    }

    /** Drops the sequences kept for reuse: the next check of each role prefills its whole prompt (and frees their memory). */
    public synchronized void forgetPrefixes() {
        warm.clear();
    }

    @Override
    public void close() {
        vlm.close();
    }
}
