package dev.tessera.cli;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.guard.Exchange;
import dev.tessera.guard.ExchangeListener;
import dev.tessera.guard.GuardPolicy;
import dev.tessera.guard.GuardResult;
import dev.tessera.guard.GuardedAssistant;
import dev.tessera.guard.Classifier;
import dev.tessera.guard.MemoryPlan;
import dev.tessera.guard.ModelResponder;
import dev.tessera.mllama.SourceImage;
import dev.tessera.mllama.VisionLanguageModel;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tessera chat --guard-model}: every turn goes through the guard before and after the main model. Under
 * block an answer is printed only once the output check passed (a terminal cannot take text back); under warn
 * it streams and findings follow it. A blocked question is dropped from the history (it was never answered),
 * and a withheld answer is not kept either, so the next turn does not build on it.
 */
final class GuardedChat {
    private GuardedChat() {}

    static void run(VisionLanguageModel vlm, Path image, GuardFlags flags, GenerationOptions opts, int maxTiles,
                    Map<String, Object> vars, BufferedReader in, PrintStream out) throws Exception {
        GuardPolicy policy = flags.policy();
        // the image is read (and later decoded) once for the whole chat, and shared by both models
        List<SourceImage> images = image == null ? List.of() : List.of(SourceImage.read(image));
        // the main model stays open for the next turn; one at a time only releases the guard after each check
        boolean oneAtATime = flags.residency(vlm, 4096) == MemoryPlan.Residency.ONE_AT_A_TIME;
        boolean stream = policy == GuardPolicy.WARN;
        ModelResponder responder = new ModelResponder(vlm, opts, maxTiles, vars);
        List<ChatMessage> history = new ArrayList<>();
        ExchangeListener listener = new ExchangeListener() {
            @Override
            public void answerText(String piece, boolean provisional) {
                if (stream) out.print(piece);
            }
        };
        Classifier guard = flags.classifier(maxTiles, oneAtATime);
        try {
            GuardedAssistant assistant = new GuardedAssistant(policy, guard, responder);
            while (ChatTurns.next(in, out, history, image, responder::reset)) {
                Exchange e;
                try {
                    e = assistant.ask(history, history.getFirst().images().isEmpty() ? List.of() : images, listener, new Cancellation());
                } catch (BadInputException refused) {
                    // as the unguarded chat: a turn the main model refuses (beyond the context) ends only that turn
                    ChatTurns.refused(history, refused);
                    continue;
                }
                if (stream) out.println();
                else if (e.answerText() != null) out.println(e.answerText());
                for (String w : e.warnings()) out.println("  [" + w + "]");
                if (e.blocked() || e.outcome() == Exchange.Outcome.CANCELLED) out.println("  [" + e.notice() + "]");
                out.println("  [guard: " + summary("question", e.input()) + (e.output() == null ? "" : "; " + summary("answer", e.output())) + "]");
                if (e.answerText() != null) history.add(ChatMessage.text("assistant", e.answerText().strip()));
                else history.removeLast(); // blocked, withheld or stopped: the question leaves no trace
            }
        } finally {
            GuardFlags.close(guard);
        }
    }

    private static String summary(String what, GuardResult r) {
        if (r == null) return what + " not checked";
        return String.format(Locale.ROOT, "%s %s, %.0f ms", what, r.verdict().summary(), r.timings().totalMs());
    }
}
