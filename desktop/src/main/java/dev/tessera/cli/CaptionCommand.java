package dev.tessera.cli;

import dev.tessera.caption.BatchSummary;
import dev.tessera.caption.CaptionBatch;
import dev.tessera.caption.CaptionJob;
import dev.tessera.caption.CaptionSettings;
import dev.tessera.caption.ImageCheck;
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
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.mllama.VisionLanguageModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "caption", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Caption every image in files and folders. Each result is appended to the results file the",
                "moment it exists, so an interrupted batch loses at most the image in progress; run it again with",
                "--resume to continue. Images are recognised by content; identical images are captioned once.",
                "The image files are only ever read."},
        footer = {"", "Exit codes: 0 every image has a caption or a guard verdict (made now or by an earlier run);",
                "1 some failed (now, or before and not retried) or the batch was stopped (the summary names them);",
                "2 bad usage."})
final class CaptionCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (Hugging Face layout).")
    Path model;

    @Option(names = {"-r", "--recursive"}, description = "Also caption the images in subfolders.")
    boolean recursive;

    @Option(names = "--prompt", description = "Your own instruction to the model (instead of a preset).")
    String prompt;

    @Option(names = "--preset", description = "short (default), detailed, alt-text or keywords.")
    String preset;

    @Option(names = "--out", defaultValue = "captions.jsonl", description = "Results file, .jsonl or .csv (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sidecar", defaultValue = "none", description = "none (default), txt (IMG_0001.txt) or xmp (dc:description, dc:subject for keywords).")
    String sidecar;

    @Option(names = "--xmp-name", defaultValue = "full", description = "full: IMG_0001.jpg.xmp (darktable, digiKam; default); base: IMG_0001.xmp (Lightroom).")
    String xmpName;

    @Option(names = "--guard-model", description = "Check each image with this guard model first: a refused image gets "
            + "its verdict recorded (status blocked) instead of a caption.")
    Path guardModel;

    @Option(names = "--resume", description = "Continue the batch in --out: images done with the same model, prompt and settings are skipped.")
    boolean resume;

    @Option(names = "--restart", description = "Start over: the old results file is kept as a .bak copy.")
    boolean restart;

    @Option(names = "--retry-failed", description = "With --resume, try again the images that failed before.")
    boolean retryFailed;

    @Option(names = "--progress", defaultValue = "auto", description = "auto (a bar on a terminal, lines otherwise), bar, lines or none (the summary still prints).")
    String progress;

    @Mixin
    GenerationFlags gen = new GenerationFlags();

    @Mixin
    WeightFlags weights = new WeightFlags();

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files and folders.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        if (resume && restart) throw new BadInputException("--resume and --restart exclude each other");
        if (prompt != null && preset != null) throw new BadInputException("give --prompt or --preset, not both");
        if (prompt != null && prompt.isBlank()) throw new BadInputException("--prompt is empty");
        if (gen.threads != null) Parallel.setThreads(gen.threads);
        ModelConfig config = ModelConfig.load(model);
        if (!config.isVision()) throw new BadInputException(model + ": a text-only model cannot caption images");
        GenerationOptions options = gen.options(GenerationConfig.load(model, config.eosTokenIds()));
        int maxTiles = gen.maxTiles(config);
        Preset p = prompt == null ? Preset.parse(preset == null ? "short" : preset) : null;
        String instruction = p == null ? prompt : p.prompt();
        String guardId = guardModel == null ? null : ModelId.of(guardModel);
        WeightOptions weightOptions = weights.options();
        // Quantized weights write other captions than the checkpoint's own: part of the model id, so a resume
        // never counts a bf16 caption as done for a q4_0 batch.
        String modelId = ModelId.of(model) + (weightOptions.quant() == Quantization.BF16 ? "" : "+" + weightOptions.quant().id());
        CaptionSettings settings = new CaptionSettings(modelId, instruction, p, maxTiles, options, guardId);
        ResultLog.Mode mode = resume ? ResultLog.Mode.RESUME : restart ? ResultLog.Mode.RESTART : ResultLog.Mode.NEW;
        CaptionJob job = new CaptionJob(paths, recursive, settings, out, mode, sidecar(), retryFailed);

        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        ProgressPrinter printer = new ProgressPrinter(err, ProgressPrinter.Style.parse(progress));
        // Opened up front (unlike the captioning model, loaded at the first image that needs it): a guard folder
        // that cannot be used must stop the batch before any image is looked at.
        ImageCheck guard = guardModel == null ? null : ImageCheck.open(guardModel);
        CaptionBatch batch = new CaptionBatch(job, () -> new ModelCaptioner(
                VisionLanguageModel.load(model, ModelCaptioner.CACHE_BYTES, weightOptions), instruction, maxTiles, options), guard, printer);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: stop the image in progress and let run() return, so the summary still prints.
        // (SIGKILL gives no chance for this; the results file is safe regardless.)
        Thread hook = new Thread(() -> {
            batch.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        BatchSummary summary;
        try {
            summary = batch.run();
            printer.summary(summary);
        } finally {
            if (guard != null) guard.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return summary.complete() ? Main.OK : Main.FAILED;
    }

    private Sidecar sidecar() {
        return switch (sidecar.toLowerCase(Locale.ROOT)) {
            case "none" -> Sidecar.NONE;
            case "txt" -> Sidecar.txt();
            case "xmp" -> new XmpSidecar(switch (xmpName.toLowerCase(Locale.ROOT)) {
                case "full" -> XmpSidecar.Naming.FULL;
                case "base" -> XmpSidecar.Naming.BASE;
                default -> throw new BadInputException("--xmp-name " + xmpName + ": use full or base");
            });
            default -> throw new BadInputException("--sidecar " + sidecar + ": use none, txt or xmp");
        };
    }
}
