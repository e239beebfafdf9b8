package dev.tessera.guard;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.mllama.SourceImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One exchange with the guard on both sides, for the command line and the desktop app alike:
 * <pre>
 *   input check (the user's text and images, role User)
 *     -> main model answers, streaming (pieces marked provisional under the block policy)
 *     -> output check (the conversation plus the answer, role Agent)
 * </pre>
 * Under {@link GuardPolicy#BLOCK} an unsafe or uncheckable question never reaches the main model and an unsafe
 * or uncheckable answer is withheld. Every guard failure - a model that does not load, an engine error, an
 * unreadable verdict - becomes a blocking verdict with its reason ({@link Classifier#check}): fail closed.
 */
public final class GuardedAssistant {
    private final GuardPolicy policy;
    private final Classifier guard;
    private final Responder responder;

    /** @param guard may be null only under {@link GuardPolicy#OFF} */
    public GuardedAssistant(GuardPolicy policy, Classifier guard, Responder responder) {
        if (guard == null && policy != GuardPolicy.OFF) throw new IllegalArgumentException("policy " + policy.id() + " needs a guard");
        this.policy = policy;
        this.guard = guard;
        this.responder = responder;
    }

    public GuardPolicy policy() {
        return policy;
    }

    /**
     * Runs one exchange.
     *
     * @param conversation the conversation so far, ending with the user's turn
     * @param images       its images in the order of its image items, read once and shared by both models
     */
    public Exchange ask(List<ChatMessage> conversation, List<SourceImage> images, ExchangeListener listener,
                        Cancellation cancel) {
        List<String> warnings = new ArrayList<>();
        GuardResult input = null;
        if (policy != GuardPolicy.OFF) {
            listener.phase(ExchangeListener.Phase.CHECKING_INPUT);
            input = guard.check(conversation, images, cancel);
            listener.inputChecked(input);
            if (cancelled(cancel)) return end(Exchange.Outcome.CANCELLED, input, null, null, null, "Stopped.", warnings);
            if (!input.verdict().isSafe()) {
                String finding = finding("question", input.verdict());
                if (policy == GuardPolicy.BLOCK) {
                    return end(Exchange.Outcome.INPUT_BLOCKED, input, null, null, null,
                            "Blocked: " + finding + ". It was not passed to the model." + override(input.verdict()), warnings);
                }
                warnings.add("Guard warning: " + finding + "; answered anyway (policy warn).");
            }
        }

        listener.phase(ExchangeListener.Phase.ANSWERING);
        boolean provisional = policy == GuardPolicy.BLOCK;
        Responder.Reply reply = responder.respond(conversation, images, piece -> listener.answerText(piece, provisional), cancel);
        if (cancelled(cancel) || "cancelled".equals(reply.finishReason())) {
            // an unchecked partial answer is not shown under block; elsewhere it is what the user saw stream
            return end(Exchange.Outcome.CANCELLED, input, null, provisional ? null : reply.text(), reply,
                    provisional ? "Stopped; the partial answer was not checked, so it is not shown." : "Stopped.", warnings);
        }
        if (policy == GuardPolicy.OFF) return end(Exchange.Outcome.ANSWERED, null, null, reply.text(), reply, null, warnings);

        listener.phase(ExchangeListener.Phase.CHECKING_OUTPUT);
        List<ChatMessage> answered = new ArrayList<>(conversation);
        answered.add(ChatMessage.of("assistant", new ContentPart.Text(reply.text())));
        GuardResult output = guard.check(answered, images, cancel);
        listener.outputChecked(output);
        if (cancelled(cancel)) {
            return end(Exchange.Outcome.CANCELLED, input, output, provisional ? null : reply.text(), reply,
                    provisional ? "Stopped before the answer was checked, so it is not shown." : "Stopped.", warnings);
        }
        if (!output.verdict().isSafe()) {
            String finding = finding("answer", output.verdict());
            if (policy == GuardPolicy.BLOCK) {
                return end(Exchange.Outcome.ANSWER_WITHHELD, input, output, null, reply,
                        "Withheld: " + finding + "." + override(output.verdict()), warnings);
            }
            warnings.add("Guard warning: " + finding + "; shown anyway (policy warn).");
        }
        return end(Exchange.Outcome.ANSWERED, input, output, reply.text(), reply, warnings.isEmpty() ? null : String.join(" ", warnings), warnings);
    }

    private Exchange end(Exchange.Outcome outcome, GuardResult input, GuardResult output, String text,
                         Responder.Reply reply, String notice, List<String> warnings) {
        return new Exchange(outcome, policy, input, output, text, reply, notice, warnings);
    }

    private static String finding(String what, Verdict v) {
        return switch (v.kind()) {
            case SAFE -> "the " + what + " is safe";
            case UNSAFE -> "the guard classified the " + what + " as unsafe"
                    + (v.categories().isEmpty() ? "" : " (" + String.join(", ", v.categories().stream().map(Verdict.Category::toString).toList()) + ")")
                    + (v.reason() != null ? " - " + v.reason() : "");
            case UNPARSEABLE -> "the guard's verdict on the " + what + " could not be read (" + v.reason() + ")";
            case ERROR -> "the guard could not check the " + what + " (" + v.reason() + ")";
        };
    }

    private static String override(Verdict v) {
        return v.isFailure() ? " With a guard configured nothing passes unchecked; choose the warn or off guard policy to go on without it." : "";
    }

    private static boolean cancelled(Cancellation c) {
        return c != null && c.isCancelled();
    }
}
