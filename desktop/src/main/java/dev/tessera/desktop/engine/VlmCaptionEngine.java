package dev.tessera.desktop.engine;

import dev.tessera.caption.BatchListener;
import dev.tessera.caption.CaptionBatch;
import dev.tessera.caption.CaptionJob;
import dev.tessera.caption.CaptionSettings;
import dev.tessera.caption.ImageCheck;
import dev.tessera.caption.Captioner;
import dev.tessera.caption.ModelCaptioner;
import dev.tessera.caption.ModelId;
import dev.tessera.caption.Preset;
import dev.tessera.caption.ResultLog;
import dev.tessera.caption.Sidecar;
import dev.tessera.caption.XmpSidecar;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.GenerationConfig;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.mllama.VisionLanguageModel;
import java.util.function.UnaryOperator;

/**
 * The second engine adapter of the app (beside {@link VlmChatEngine}): turns the window's {@link CaptionRequest}
 * into the caption engine's job, exactly as {@code tessera caption} does, so a batch started in the window and one
 * resumed on the command line (or the other way round) recognise each other's rows. Greedy decoding: a caption
 * should not change from one run to the next.
 */
public final class VlmCaptionEngine implements CaptionEngine {
    private final UnaryOperator<Captioner> decorate;

    public VlmCaptionEngine() {
        this(UnaryOperator.identity());
    }

    /** @param decorate wraps the model's captioner (tests pace it) */
    public VlmCaptionEngine(UnaryOperator<Captioner> decorate) {
        this.decorate = decorate;
    }

    @Override
    public CaptionBatch batch(CaptionRequest r, BatchListener listener) {
        if (r.model() == null) throw new BadInputException("no model chosen: pick one in Models first");
        ModelConfig config = ModelConfig.load(r.model());
        if (!config.isVision()) throw new BadInputException(r.model() + ": a text-only model cannot caption images");
        GenerationConfig g = GenerationConfig.load(r.model(), config.eosTokenIds());
        GenerationOptions options = new GenerationOptions(Math.max(1, r.maxTokens()), 0, g.topP(), g.topK(), 0, g.eosTokenIds());
        int maxTiles = Math.clamp(r.maxTiles(), 1, config.vision().maxNumTiles());
        boolean custom = r.prompt() != null && !r.prompt().isBlank();
        Preset preset = custom ? null : Preset.parse(r.preset() == null ? "short" : r.preset());
        String instruction = custom ? r.prompt().strip() : preset.prompt();
        WeightOptions weights = VlmChatEngine.weightOptions(r.weights());
        // as the CLI: a quantized model writes other captions, so its format is part of the model id
        String modelId = ModelId.of(r.model()) + (r.weights() == WeightFormat.BF16 ? "" : "+" + r.weights().id());
        // as the CLI: the guard is part of the settings a resume compares, and it is opened up front so a wrong
        // folder is refused before the first photo
        CaptionSettings settings = new CaptionSettings(modelId, instruction, preset, maxTiles, options,
                r.guard() == null ? null : ModelId.of(r.guard()));
        ImageCheck guard = r.guard() == null ? null : ImageCheck.open(r.guard());
        CaptionJob job = new CaptionJob(r.folders(), r.recursive(), settings, r.out(),
                r.resume() ? ResultLog.Mode.RESUME : ResultLog.Mode.RESTART, sidecar(r.sidecar()), false);
        return new CaptionBatch(job, () -> decorate.apply(new ModelCaptioner(
                VisionLanguageModel.load(r.model(), ModelCaptioner.CACHE_BYTES, weights), instruction, maxTiles, options)),
                guard, listener);
    }

    private static Sidecar sidecar(String kind) {
        return switch (kind == null ? "none" : kind) {
            case "none" -> Sidecar.NONE;
            case "txt" -> Sidecar.txt();
            case "xmp" -> new XmpSidecar(XmpSidecar.Naming.FULL);
            default -> throw new BadInputException("sidecar " + kind + ": use none, txt or xmp");
        };
    }
}
