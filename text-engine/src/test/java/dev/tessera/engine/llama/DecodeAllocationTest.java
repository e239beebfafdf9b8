package dev.tessera.engine.llama;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.safetensors.Checkpoint;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Decoding reuses the sequence's buffers: a decoded token allocates (almost) nothing on the heap. */
class DecodeAllocationTest {
    @Test
    void aDecodedTokenAllocatesNoActivations() {
        var dir = GoldenCase.fixture();
        ModelConfig cfg = ModelConfig.load(dir);
        int threads = Parallel.threads();
        Parallel.setThreads(1); // all work on this thread, where the allocation counter looks
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            LlamaModel model = LlamaModel.load(ckpt, cfg.text(), CrossLayerFactory.SKIP);
            Sequence seq = model.newSequence(4096);
            int[] prompt = {128000, 791, 6864, 315, 9822, 374};
            model.forward(seq, prompt, 0, prompt.length);
            int[] one = {1000};
            for (int i = 0; i < 3000; i++) model.forward(seq, one, 0, 1); // warm-up: JIT, buffers grown
            var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            long before = bean.getThreadAllocatedBytes(tid);
            int tokens = 100;
            for (int i = 0; i < tokens; i++) model.forward(seq, one, 0, 1);
            long perToken = (bean.getThreadAllocatedBytes(tid) - before) / tokens;
            // Fresh logits alone would be 128256 floats = 513 KB a token, the activations tens of KB more. What remains
            // (~150 KB here) is the Vector API's boxed fallback in code that C2 keeps deoptimising on this tiny
            // model, whose 48-wide rows skip the kernels' main loops; at real widths those loops are compiled.
            assertTrue(perToken < 256 << 10, perToken + " bytes allocated per decoded token");
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
