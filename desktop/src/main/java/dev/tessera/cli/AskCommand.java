package dev.tessera.cli;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ChatMessages;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.tokenizer.StreamingDecoder;
import dev.tessera.guard.GuardPolicy;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.VisionLanguageModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Ask a question about images (or none) and stream the answer to stdout.")
final class AskCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (Hugging Face layout).")
    Path model;

    @Option(names = "--image", description = "An image file; repeat for several (the model card recommends one).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--messages", description = "A JSON file with an OpenAI-style list of messages.")
    Path messages;

    @Option(names = "--system", description = "A system message (not allowed together with images).")
    String system;

    @Option(names = "--raw", description = "Hand PROMPT to the tokenizer as is (special tokens recognised; <|begin_of_text|> added after leading images when absent).")
    boolean raw;

    @Option(names = "--date", description = "The date the chat template states, e.g. \"26 Jul 2024\" (default: today).")
    String date;

    @Option(names = "--dry-run", description = "Stop after building the prompt.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object instead of the stream.")
    boolean json;

    @Mixin
    GenerationFlags gen = new GenerationFlags();

    @Mixin
    WeightFlags weights = new WeightFlags();

    @Mixin
    GuardFlags guard = new GuardFlags();

    /** The conversation the prompt was built from, as the guard sees it (a raw prompt counts as one user turn). */
    private List<ChatMessage> conversation = List.of();

    @Parameters(arity = "0..1", description = "The question (or the raw prompt with --raw).")
    String prompt;

    @Override
    public Integer call() throws Exception {
        if (gen.threads != null) Parallel.setThreads(gen.threads);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        GuardPolicy policy = guard.policy(); // bad guard options fail before any model loads
        try (VisionLanguageModel vlm = VisionLanguageModel.load(model, gen.loadOptions().withWeights(weights.options()))) {
            Prompt p = buildPrompt(vlm);
            AskReport report = new AskReport(vlm, p);
            if (dryRun) {
                if (json) out.println(report.json(null, 0, gen.maxTiles(vlm)));
                else out.println(p.templated());
                return Main.OK;
            }
            GenerationOptions opts = gen.options(vlm);
            if (policy != GuardPolicy.OFF) {
                return GuardedAsk.run(vlm, p, conversation, guard, opts, gen.maxTiles(vlm), json, out);
            }
            Cancellation cancel = new Cancellation();
            Thread hook = new Thread(cancel::cancel);
            Runtime.getRuntime().addShutdownHook(hook);
            StreamingDecoder stream = vlm.tokenizer().streamingDecoder(true);
            Answer a = vlm.answer(p, gen.maxTiles(vlm), opts, id -> {
                if (!json) out.print(stream.push(id));
            }, cancel);
            if (json) {
                out.println(report.json(a, vlm.loadMs(), gen.maxTiles(vlm)));
            } else {
                out.print(stream.flush());
                out.println();
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return Main.OK;
    }

    private Prompt buildPrompt(VisionLanguageModel vlm) {
        if (raw) {
            if (messages != null || system != null) throw new BadInputException("--raw takes a PROMPT, not --messages or --system");
            if (prompt == null) throw new BadInputException("--raw needs a PROMPT");
            List<ContentPart> parts = new ArrayList<>();
            for (Path img : images) parts.add(new ContentPart.Image(img));
            parts.add(new ContentPart.Text(prompt));
            conversation = List.of(new ChatMessage("user", parts));
            return vlm.rawPrompt(prompt, images);
        }
        List<ChatMessage> msgs = new ArrayList<>();
        if (messages != null) {
            if (prompt != null || !images.isEmpty() || system != null) {
                throw new BadInputException("--messages already holds the conversation; drop PROMPT, --image and --system");
            }
            msgs.addAll(ChatMessages.parse(messages));
        } else {
            if (prompt == null && images.isEmpty()) throw new BadInputException("give a PROMPT (and --image files), or --messages");
            if (system != null) msgs.add(ChatMessage.text("system", system));
            List<ContentPart> parts = new ArrayList<>();
            for (Path img : images) parts.add(new ContentPart.Image(img));
            if (prompt != null) parts.add(new ContentPart.Text(prompt));
            msgs.add(new ChatMessage("user", parts));
        }
        Map<String, Object> vars = new HashMap<>();
        if (date != null) vars.put("date_string", date);
        conversation = msgs;
        return vlm.chatPrompt(msgs, vars);
    }
}
