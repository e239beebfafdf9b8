package dev.tessera.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.guard.Exchange;
import dev.tessera.guard.ExchangeListener;
import dev.tessera.guard.GuardPolicy;
import dev.tessera.guard.GuardedAssistant;
import dev.tessera.guard.Classifier;
import dev.tessera.guard.MemoryPlan;
import dev.tessera.guard.ModelResponder;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.SourceImage;
import dev.tessera.mllama.VisionLanguageModel;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code tessera ask} with a guard. Under block the answer is held back until the output check passes (a
 * terminal cannot take printed text back); under warn it streams as usual and findings go to stderr. A
 * blocked exchange prints its reason on stderr and exits {@link Main#BLOCKED}.
 */
final class GuardedAsk {
    private GuardedAsk() {}

    static int run(VisionLanguageModel vlm, Prompt prompt, List<ChatMessage> conversation, GuardFlags flags,
                   GenerationOptions opts, int maxTiles, boolean json, PrintStream out) throws Exception {
        GuardPolicy policy = flags.policy();
        List<SourceImage> images = prompt.images().stream().map(SourceImage::read).toList(); // read once, for both models
        MemoryPlan.Residency residency = flags.residency(vlm, prompt.ids().length + opts.maxNewTokens());
        boolean oneAtATime = residency == MemoryPlan.Residency.ONE_AT_A_TIME;
        boolean stream = !json && policy == GuardPolicy.WARN;
        ModelResponder responder = new ModelResponder(vlm, opts, maxTiles, Map.of());
        Cancellation cancel = new Cancellation();
        Thread hook = new Thread(cancel::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        Exchange e;
        Classifier guard = flags.classifier(maxTiles, oneAtATime);
        try {
            ExchangeListener listener = new ExchangeListener() {
                @Override
                public void answerText(String piece, boolean provisional) {
                    if (stream) out.print(piece);
                }

                @Override
                public void phase(Phase phase) {
                    // one at a time: the main model's pages go before the guard's come back
                    if (phase == Phase.CHECKING_OUTPUT && oneAtATime) vlm.close();
                }
            };
            e = new GuardedAssistant(policy, guard, (conv, imgs, text, c) -> responder.respond(prompt, imgs, text, c))
                    .ask(conversation, images, listener, cancel);
        } finally {
            GuardFlags.close(guard);
        }
        Runtime.getRuntime().removeShutdownHook(hook);

        if (json) {
            AskReport report = new AskReport(vlm, prompt);
            ObjectNode o = e.reply() == null ? report.promptNode() : report.node(e.reply().answer(), vlm.loadMs(), maxTiles);
            if (e.reply() != null && e.answerText() == null) {
                // withheld: nothing of the answer leaves the process, not even its first token's logits
                o.remove(List.of("generated_ids", "generated_text", "first_step_top5"));
                o.put("withheld", true);
            }
            o.set("guard", GuardReport.exchange(e, flags.guardModel.toString(), residency.id()));
            out.println(AskReport.JSON.writeValueAsString(o));
        } else {
            if (stream) out.println();
            else if (e.answerText() != null) out.println(e.answerText());
            for (String w : e.warnings()) System.err.println("tessera: " + w);
            if (e.blocked() || e.outcome() == Exchange.Outcome.CANCELLED) System.err.println("tessera: " + e.notice());
        }
        return switch (e.outcome()) {
            case ANSWERED -> Main.OK;
            case INPUT_BLOCKED, ANSWER_WITHHELD -> Main.BLOCKED;
            case CANCELLED -> Main.FAILED;
        };
    }
}
