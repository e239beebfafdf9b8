package dev.tessera.engine.checkpoint;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.checkpoint.ModelShape.TextShape;
import dev.tessera.engine.checkpoint.ModelShape.VisionShape;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Models {@link RandomCheckpoint} can imitate, with the shapes of the published checkpoints
 * (../shared/docs/spec/mllama-architecture.md for the vision models).
 */
public enum Preset {
    /** Llama-3.2-11B-Vision-Instruct: 32 self + 8 cross layers, hidden 4096, vision tower 1280 x (32 + 8). */
    L11B("11b", new ModelShape(
            new TextShape(4096, 40, 32, 8, 128, 14336, 128256, false, range(3, 40, 5), 8.0, false),
            realVision())),
    /** Llama-3.2-90B-Vision-Instruct: 80 self + 20 cross layers, hidden 8192, MLP 28672. */
    L90B("90b", new ModelShape(
            new TextShape(8192, 100, 64, 8, 128, 28672, 128256, false, range(3, 100, 5), 8.0, false),
            realVision())),
    /** Llama 3.1 8B as a plain llama model: the text backbone of the 11B without cross-attention. */
    TEXT_8B("8b-text", new ModelShape(
            new TextShape(4096, 32, 32, 8, 128, 14336, 128256, false, new int[0], 8.0, false), null)),
    /** Llama 3.2 1B: 16 layers, hidden 2048, head_dim 64, lm_head tied to the embedding. */
    TEXT_1B("1b-text", new ModelShape(
            new TextShape(2048, 16, 32, 8, 64, 8192, 128256, true, new int[0], 32.0, true), null)),
    /** The shapes of ../shared/fixtures/tiny-mllama. */
    TINY("tiny", new ModelShape(
            new TextShape(48, 6, 4, 2, 12, 128, 128256, false, new int[] {1, 4}, 8.0, false),
            new VisionShape(32, 4, 4, 2, 64, 56, 14, 4, new int[] {1, 3})));

    private final String cliName;
    private final ModelShape shape;

    Preset(String cliName, ModelShape shape) {
        this.cliName = cliName;
        this.shape = shape;
    }

    private static VisionShape realVision() {
        return new VisionShape(1280, 16, 32, 8, 5120, 560, 14, 4, new int[] {3, 7, 15, 23, 30});
    }

    private static int[] range(int from, int to, int step) {
        int[] out = new int[(to - from + step - 1) / step];
        for (int i = 0; i < out.length; i++) out[i] = from + i * step;
        return out;
    }

    /** The name on the command line: 11b, 90b, 8b-text, 1b-text, tiny. */
    public String cliName() {
        return cliName;
    }

    public ModelShape shape() {
        return shape;
    }

    public static Preset parse(String name) {
        for (Preset p : values()) if (p.cliName.equalsIgnoreCase(name)) return p;
        throw new BadInputException("unknown preset \"" + name + "\" (one of "
                + Arrays.stream(values()).map(Preset::cliName).collect(Collectors.joining(", ")) + ")");
    }
}
