package dev.tessera.engine.generate;

import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.llama.Sequence;
import dev.tessera.engine.sampling.Sampler;
import java.util.Arrays;

/**
 * The generation loop: prefill the prompt in chunks, then one token at a time until a stop id, the token
 * budget, or cancellation. Works on any {@link Sequence}, so the vision model reuses it unchanged.
 */
public final class Generator {
    /** Prompt tokens per forward pass: bounds activation memory on long prompts. */
    public static final int PREFILL_CHUNK = 256;

    private final LlamaModel model;

    public Generator(LlamaModel model) {
        this.model = model;
    }

    public GenerationResult generate(Sequence seq, int[] prompt, GenerationOptions opts, TokenListener listener,
                                     Cancellation cancel) {
        if (prompt.length == 0) throw new IllegalArgumentException("empty prompt");
        long t0 = System.nanoTime();
        float[] logits = null;
        for (int off = 0; off < prompt.length; off += PREFILL_CHUNK) {
            if (cancel != null && cancel.isCancelled()) {
                return new GenerationResult(prompt, new int[0], "cancelled", new int[0], new float[0], System.nanoTime() - t0, 0);
            }
            logits = model.forward(seq, prompt, off, Math.min(PREFILL_CHUNK, prompt.length - off));
        }
        long prefill = System.nanoTime() - t0;
        int[] top5 = topK(logits, 5);
        float[] top5Logits = new float[top5.length];
        for (int i = 0; i < top5.length; i++) top5Logits[i] = logits[top5[i]];

        Sampler sampler = Sampler.of(opts.temperature(), opts.topP(), opts.topK(), opts.seed());
        // grown as tokens come: the budget may be huge (--max-tokens is the user's), the answer rarely is
        int[] out = new int[Math.min(Math.max(opts.maxNewTokens(), 0), 256)];
        int count = 0;
        String reason = "length";
        long t1 = System.nanoTime();
        int[] one = new int[1];
        while (count < opts.maxNewTokens()) {
            if (cancel != null && cancel.isCancelled()) {
                reason = "cancelled";
                break;
            }
            int id = sampler.sample(logits);
            if (count == out.length) out = Arrays.copyOf(out, Math.min(opts.maxNewTokens(), 2 * count));
            out[count++] = id;
            listener.onToken(id);
            if (opts.isStop(id)) {
                reason = "stop";
                break;
            }
            if (count == opts.maxNewTokens()) break;
            one[0] = id;
            logits = model.forward(seq, one, 0, 1);
        }
        long decode = System.nanoTime() - t1;
        return new GenerationResult(prompt, Arrays.copyOf(out, count), reason, top5, top5Logits, prefill, decode);
    }

    /** Indices of the k largest values, largest first (first index on ties). */
    public static int[] topK(float[] x, int k) {
        k = Math.min(k, x.length);
        int[] best = new int[k];
        Arrays.fill(best, -1);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                if (best[j] < 0 || x[i] > x[best[j]]) {
                    System.arraycopy(best, j, best, j + 1, k - j - 1);
                    best[j] = i;
                    break;
                }
            }
        }
        return best;
    }
}
