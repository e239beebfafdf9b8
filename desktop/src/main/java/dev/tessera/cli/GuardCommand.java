package dev.tessera.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ChatMessages;
import dev.tessera.engine.chat.ChatTemplate;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.tokenizer.Tokenizer;
import dev.tessera.guard.GuardCategories;
import dev.tessera.guard.GuardConversation;
import dev.tessera.guard.GuardModel;
import dev.tessera.guard.GuardPrompt;
import dev.tessera.guard.GuardResult;
import dev.tessera.guard.GuardRole;
import dev.tessera.guard.GuardSettings;
import dev.tessera.guard.Framing;
import dev.tessera.mllama.SourceImage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "guard", mixinStandardHelpOptions = true,
        description = {"Classify a conversation with Llama Guard 3 (11B-Vision, or 1B for text): safe, or unsafe with the violated categories.",
                "TEXT (and --image) is the next turn after --messages: a user turn, or the answer (--role agent) to the last user turn."})
final class GuardCommand implements Callable<Integer> {
    @Option(names = "--guard-model", required = true, description = "Llama Guard 3 model folder (Hugging Face layout).")
    Path guardModel;

    @Option(names = "--image", description = "An image for TEXT's turn; repeat for several (each is checked in its own pass).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--messages", description = "A JSON file with the conversation so far (OpenAI-style messages).")
    Path messages;

    @Option(names = "--role", description = "user or agent: which turn TEXT is, or which turn --messages must end with "
            + "(default: TEXT answers a conversation ending with a user turn, else it is a user turn).")
    String role;

    @Option(names = "--exclude", split = ",", description = "Categories left out of the prompt, e.g. S2,S7.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--categories", description = "A JSON object of custom categories, code -> text (default S1-S13).")
    Path categories;

    @Option(names = "--framing", defaultValue = "hf-chat-template",
            description = "hf-chat-template (the checkpoint's template, default) or llama-models (Meta's reference framing).")
    String framing;

    @Option(names = "--threshold", defaultValue = "0.5", description = "P(unsafe) at or above which the verdict is unsafe (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--max-tiles", defaultValue = "4", description = "Tiles per image for the guard's vision encoder, 1..4 (default ${DEFAULT-VALUE}).")
    int maxTiles;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--repeat", defaultValue = "1", description = "Run the check this many times in one process and report each run's timings "
            + "(later runs show the warm cost: compiled code, the guard's image cache; each prefills the whole prompt).")
    int repeat;

    @Option(names = "--dry-run", description = "Stop after building the prompt.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The turn to classify.")
    String text;

    @Override
    public Integer call() throws Exception {
        if (threads != null) Parallel.setThreads(threads);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        GuardSettings settings = settings(framing, categories, exclude, threshold, maxTiles);
        GuardConversation conversation = GuardConversation.of(conversation());
        if (role != null && GuardRole.parse(role) != conversation.role()) {
            throw new BadInputException("--role " + role + ": the conversation ends with a " + conversation.role().chatRole() + " turn");
        }
        if (dryRun) {
            // only the tokenizer and template: no weights are opened
            ChatTemplate template = settings.framing() == Framing.HF_CHAT_TEMPLATE ? ChatTemplate.load(guardModel) : null;
            GuardPrompt p = GuardPrompt.builder(template, Tokenizer.load(guardModel)).build(conversation, settings);
            if (json) {
                ObjectNode o = AskReport.JSON.createObjectNode();
                GuardReport.prompt(o, p);
                out.println(AskReport.JSON.writeValueAsString(o));
            } else {
                out.println(p.text());
            }
            return Main.OK;
        }
        List<SourceImage> sources = new ArrayList<>();
        for (ChatMessage m : conversation.messages()) {
            for (ContentPart.Image img : m.images()) {
                if (img.path() == null) throw new BadInputException("an image item of --messages has no \"path\"; only --dry-run can do without the image");
                sources.add(SourceImage.read(img.path()));
            }
        }
        long t0 = System.nanoTime();
        try (GuardModel guard = GuardModel.load(guardModel, settings)) {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            if (!sources.isEmpty() && !guard.supportsImages()) {
                throw new BadInputException(guardModel.getFileName() + " is a text-only guard (Llama Guard 3 1B?); it cannot check images");
            }
            if (guard.supportsImages() && maxTiles > guard.model().config().vision().maxNumTiles()) {
                throw new BadInputException("--max-tiles must be between 1 and " + guard.model().config().vision().maxNumTiles());
            }
            if (repeat < 1) throw new BadInputException("--repeat must be at least 1");
            GuardResult r = guard.classify(conversation, sources, new Cancellation());
            List<GuardResult> again = new ArrayList<>();
            for (int i = 1; i < repeat; i++) {
                guard.forgetPrefixes(); // each run prefills the whole prompt, as a first check does
                again.add(guard.classify(conversation, sources, new Cancellation()));
            }
            r = new GuardResult(r.verdict(), r.role(), r.prompt(), r.timings().withLoadMs(loadMs));
            if (json) {
                ObjectNode o = GuardReport.result(r, true);
                o.put("guard_model", guardModel.toAbsolutePath().toString());
                if (!again.isEmpty()) {
                    var runs = o.putArray("repeat_timings");
                    for (GuardResult a : again) runs.add(GuardReport.result(a, false).get("timings"));
                }
                out.println(AskReport.JSON.writeValueAsString(o));
            } else {
                out.println(GuardReport.text(r));
                for (GuardResult a : again) out.println(GuardReport.text(a).lines().reduce((x, y) -> y).orElse("").replace("time:", "again:"));
            }
        }
        return Main.OK;
    }

    /** --messages, then TEXT and --image as the next turn. */
    private List<ChatMessage> conversation() {
        List<ChatMessage> msgs = new ArrayList<>();
        if (messages != null) msgs.addAll(ChatMessages.parse(messages));
        if (text == null && images.isEmpty()) {
            if (msgs.isEmpty()) throw new BadInputException("give TEXT (and --image files), or --messages");
            return msgs;
        }
        boolean lastIsUser = !msgs.isEmpty() && msgs.getLast().role().equals("user");
        GuardRole turn = role != null ? GuardRole.parse(role) : lastIsUser ? GuardRole.AGENT : GuardRole.USER;
        if (turn == GuardRole.AGENT && !lastIsUser) {
            throw new BadInputException("--role agent classifies an answer: give the question it answers in --messages (ending with a user turn)");
        }
        if (turn == GuardRole.AGENT && !images.isEmpty()) throw new BadInputException("--image belongs to a user turn, not to an answer");
        List<ContentPart> parts = new ArrayList<>();
        for (Path img : images) parts.add(new ContentPart.Image(img));
        if (text != null) parts.add(new ContentPart.Text(text));
        msgs.add(new ChatMessage(turn.chatRole(), parts));
        return msgs;
    }

    /** Guard settings from command-line values (shared with ask's --guard-* options). */
    static GuardSettings settings(String framing, Path categories, List<String> exclude, double threshold, int maxTiles) {
        GuardSettings s = GuardSettings.defaults().withFraming(Framing.parse(framing)).withThreshold(threshold).withMaxTiles(maxTiles);
        if (categories != null) s = s.withCategories(GuardCategories.read(categories));
        List<String> codes = exclude.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        return s.withExcluded(codes);
    }
}
