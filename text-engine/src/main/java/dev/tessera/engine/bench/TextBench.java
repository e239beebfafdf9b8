package dev.tessera.engine.bench;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.llama.CrossLayerFactory;
import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.llama.Sequence;
import dev.tessera.engine.safetensors.Checkpoint;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Prefill and decode speed of a model folder's text decoder (random or real weights): prompt tokens/s,
 * decode tokens/s, and the weight bytes streamed per second while decoding.
 */
public final class TextBench {
    /** Results of one run. */
    public record Result(int threads, int promptTokens, double prefillTokensPerS, int decodeTokens, double decodeTokensPerS,
                         double decodeGBs, long weightBytesPerToken, double loadMs) {}

    private TextBench() {}

    public static Result run(Path dir, int threads, int promptTokens, int decodeTokens) {
        Parallel.setThreads(threads);
        long t0 = System.nanoTime();
        ModelConfig cfg = ModelConfig.load(dir);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            LlamaModel model = LlamaModel.load(ckpt, cfg.text(), CrossLayerFactory.SKIP);
            double loadMs = (System.nanoTime() - t0) / 1e6;
            SplittableRandom rnd = new SplittableRandom(7);
            int[] prompt = new int[promptTokens];
            for (int i = 0; i < prompt.length; i++) prompt[i] = 1000 + rnd.nextInt(100000);
            // warm-up: JIT and page cache
            Sequence warm = model.newSequence(64);
            model.forward(warm, prompt, 0, Math.min(32, promptTokens));
            for (int i = 0; i < 3; i++) model.forward(warm, new int[] {prompt[i]}, 0, 1);

            Sequence seq = model.newSequence(promptTokens + decodeTokens);
            long p0 = System.nanoTime();
            float[] logits = model.forward(seq, prompt, 0, promptTokens);
            double prefillS = (System.nanoTime() - p0) / 1e9;
            long d0 = System.nanoTime();
            int[] one = new int[1];
            for (int i = 0; i < decodeTokens; i++) {
                one[0] = VectorMath.argmax(logits, logits.length);
                logits = model.forward(seq, one, 0, 1);
            }
            double decodeS = (System.nanoTime() - d0) / 1e9;
            long bytes = model.weightBytesPerToken();
            return new Result(threads, promptTokens, promptTokens / prefillS, decodeTokens, decodeTokens / decodeS,
                    bytes * (decodeTokens / decodeS) / 1e9, bytes, loadMs);
        }
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int prompt = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int decode = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        for (int threads : new int[] {1, 2}) {
            Result r = run(dir, threads, prompt, decode);
            System.out.printf(java.util.Locale.ROOT,
                    "threads %d: load %.0f ms, prefill %d tok: %.2f tok/s, decode %d tok: %.2f tok/s (%.1f GB/s of weights)%n",
                    r.threads(), r.loadMs(), r.promptTokens(), r.prefillTokensPerS(), r.decodeTokens(), r.decodeTokensPerS(),
                    r.decodeGBs());
        }
    }
}
