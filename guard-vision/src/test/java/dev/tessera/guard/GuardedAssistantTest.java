package dev.tessera.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.guard.Exchange.Outcome;
import dev.tessera.mllama.SourceImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The policy with a deterministic stand-in guard (its verdict is the text it is told) and a stand-in main model. */
class GuardedAssistantTest {
    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.text("user", "How do I do the thing?"));

    /** Answers with the verdict text given per role, or throws; records what it was asked. */
    static final class StandIn implements Classifier {
        final String onUser, onAgent;
        final List<GuardConversation> seen = new ArrayList<>();

        StandIn(String onUser, String onAgent) {
            this.onUser = onUser;
            this.onAgent = onAgent;
        }

        @Override
        public GuardResult classify(GuardConversation c, List<SourceImage> images, Cancellation cancel) {
            seen.add(c);
            String text = c.role() == GuardRole.USER ? onUser : onAgent;
            if (text.startsWith("throw:")) throw new BadInputException(text.substring(6));
            Verdict v = new VerdictParser(GuardSettings.defaults()).parse(text);
            return new GuardResult(v, c.role(), null, GuardResult.Timings.NONE);
        }
    }

    /** The main model: writes its answer in pieces; counts calls. */
    static final class Main implements Responder {
        final String answer;
        int calls;

        Main(String answer) {
            this.answer = answer;
        }

        @Override
        public Reply respond(List<ChatMessage> conversation, List<SourceImage> images, Consumer<String> text, Cancellation cancel) {
            calls++;
            for (String piece : answer.split("(?<= )")) text.accept(piece);
            return new Reply(answer, "stop", null);
        }
    }

    /** Collects what a window would be told. */
    static final class Recorder implements ExchangeListener {
        final StringBuilder text = new StringBuilder();
        final List<Boolean> provisional = new ArrayList<>();
        final List<Phase> phases = new ArrayList<>();

        @Override
        public void phase(Phase phase) {
            phases.add(phase);
        }

        @Override
        public void answerText(String piece, boolean p) {
            text.append(piece);
            provisional.add(p);
        }
    }

    private static Exchange run(GuardPolicy policy, Classifier guard, Main main, Recorder rec) {
        return new GuardedAssistant(policy, guard, main).ask(QUESTION, List.of(), rec, new Cancellation());
    }

    @Test
    void blockSafeBothWays() {
        StandIn guard = new StandIn("safe", "safe");
        Main main = new Main("Do it like this.");
        Recorder rec = new Recorder();
        Exchange e = run(GuardPolicy.BLOCK, guard, main, rec);
        assertEquals(Outcome.ANSWERED, e.outcome());
        assertEquals("Do it like this.", e.answerText());
        assertNull(e.notice());
        assertEquals(List.of(GuardRole.USER, GuardRole.AGENT), guard.seen.stream().map(GuardConversation::role).toList());
        assertEquals("Do it like this.", ((dev.tessera.engine.chat.ContentPart.Text) guard.seen.get(1).messages().getLast().content().getFirst()).text(),
                "the output check sees the answer in context");
        assertTrue(rec.provisional.stream().allMatch(p -> p), "under block the stream is provisional until checked");
        assertEquals(List.of(ExchangeListener.Phase.CHECKING_INPUT, ExchangeListener.Phase.ANSWERING, ExchangeListener.Phase.CHECKING_OUTPUT), rec.phases);
    }

    @Test
    void blockUnsafeInputNeverReachesTheModel() {
        Main main = new Main("never");
        Exchange e = run(GuardPolicy.BLOCK, new StandIn("unsafe\nS1,S10", "safe"), main, new Recorder());
        assertEquals(Outcome.INPUT_BLOCKED, e.outcome());
        assertEquals(0, main.calls);
        assertNull(e.answerText());
        assertNull(e.output());
        assertTrue(e.notice().contains("S1 Violent Crimes, S10 Hate"), e.notice());
        assertTrue(e.blocked());
    }

    @Test
    void blockUnsafeAnswerIsWithheld() {
        Recorder rec = new Recorder();
        Exchange e = run(GuardPolicy.BLOCK, new StandIn("safe", "unsafe\nS9"), new Main("Here is how."), rec);
        assertEquals(Outcome.ANSWER_WITHHELD, e.outcome());
        assertNull(e.answerText());
        assertEquals("Here is how.", e.reply().text(), "kept for the record, not for showing");
        assertTrue(e.notice().startsWith("Withheld:") && e.notice().contains("S9 Indiscriminate Weapons"), e.notice());
        assertTrue(rec.provisional.stream().allMatch(p -> p), "what streamed was marked provisional");
    }

    @Test
    void failClosedWhenTheGuardCannotLoad() {
        Main main = new Main("never");
        Exchange e = run(GuardPolicy.BLOCK, new StandIn("throw:/models/guard: no model.safetensors", "safe"), main, new Recorder());
        assertEquals(Outcome.INPUT_BLOCKED, e.outcome());
        assertEquals(0, main.calls);
        assertEquals(Verdict.Kind.ERROR, e.input().verdict().kind());
        assertTrue(e.notice().contains("could not check the question") && e.notice().contains("no model.safetensors"), e.notice());
        assertTrue(e.notice().contains("nothing passes unchecked"), e.notice());
    }

    @Test
    void failClosedOnAnUnparseableVerdict() {
        Main main = new Main("never");
        Exchange in = run(GuardPolicy.BLOCK, new StandIn("I think it is fine", "safe"), main, new Recorder());
        assertEquals(Outcome.INPUT_BLOCKED, in.outcome());
        assertEquals(0, main.calls);
        assertTrue(in.notice().contains("could not be read"), in.notice());
        Exchange out = run(GuardPolicy.BLOCK, new StandIn("safe", "unsafe\nS99"), new Main("text"), new Recorder());
        assertEquals(Outcome.ANSWER_WITHHELD, out.outcome());
        assertEquals(Verdict.Kind.UNPARSEABLE, out.output().verdict().kind());
        Exchange broken = run(GuardPolicy.BLOCK, new StandIn("safe", "throw:engine failed"), new Main("text"), new Recorder());
        assertEquals(Outcome.ANSWER_WITHHELD, broken.outcome());
    }

    @Test
    void warnShowsEverythingAndSaysSo() {
        Main main = new Main("Answer.");
        Recorder rec = new Recorder();
        Exchange e = run(GuardPolicy.WARN, new StandIn("unsafe\nS2", "throw:guard crashed"), main, rec);
        assertEquals(Outcome.ANSWERED, e.outcome());
        assertEquals(1, main.calls);
        assertEquals("Answer.", e.answerText());
        assertEquals(2, e.warnings().size());
        assertTrue(e.warnings().get(0).contains("S2 Non-Violent Crimes"), e.warnings().get(0));
        assertTrue(e.warnings().get(1).contains("could not check the answer"), e.warnings().get(1));
        assertTrue(rec.provisional.stream().noneMatch(p -> p), "nothing to take back under warn");
        assertTrue(e.notice().contains("Guard warning"));
    }

    @Test
    void offNeverAsksTheGuard() {
        StandIn guard = new StandIn("unsafe\nS1", "unsafe\nS1");
        Exchange e = run(GuardPolicy.OFF, guard, new Main("Answer."), new Recorder());
        assertEquals(Outcome.ANSWERED, e.outcome());
        assertEquals(0, guard.seen.size());
        assertNull(e.input());
        new GuardedAssistant(GuardPolicy.OFF, null, new Main("x")).ask(QUESTION, List.of(), ExchangeListener.NONE, null);
        assertThrows(IllegalArgumentException.class, () -> new GuardedAssistant(GuardPolicy.BLOCK, null, new Main("x")));
    }

    @Test
    void aCancelledAnswerIsNotShownUnchecked() {
        Cancellation cancel = new Cancellation();
        Responder stopping = (conv, images, text, c) -> {
            text.accept("Partial ");
            cancel.cancel();
            return new Responder.Reply("Partial ", "cancelled", null);
        };
        Exchange e = new GuardedAssistant(GuardPolicy.BLOCK, new StandIn("safe", "safe"), stopping)
                .ask(QUESTION, List.of(), ExchangeListener.NONE, cancel);
        assertEquals(Outcome.CANCELLED, e.outcome());
        assertNull(e.answerText());
        assertNull(e.output());
    }

    @Test
    void policyDefaults() {
        assertEquals(GuardPolicy.BLOCK, GuardPolicy.resolve(null, true));
        assertEquals(GuardPolicy.OFF, GuardPolicy.resolve(null, false));
        assertEquals(GuardPolicy.WARN, GuardPolicy.resolve(GuardPolicy.parse("warn"), true));
        assertThrows(BadInputException.class, () -> GuardPolicy.resolve(GuardPolicy.BLOCK, false));
        assertThrows(BadInputException.class, () -> GuardPolicy.parse("maybe"));
    }

    /** The single-check API the app and captioning call: never throws, fails closed with the reason. */
    @Test
    void checkFailsClosedWithoutThrowing() {
        GuardResult ok = new StandIn("unsafe\nS1", "safe").check(QUESTION, List.of(), null);
        assertEquals(Verdict.Kind.UNSAFE, ok.verdict().kind());
        assertEquals("S1", ok.verdict().categories().getFirst().code());
        GuardResult broken = new StandIn("throw:guard folder missing", "safe").check(QUESTION, List.of(), null);
        assertEquals(Verdict.Kind.ERROR, broken.verdict().kind());
        assertEquals("guard folder missing", broken.verdict().reason());
        assertTrue(!broken.verdict().isSafe());
        List<ChatMessage> answered = List.of(QUESTION.getFirst(), ChatMessage.text("assistant", "Sure."));
        GuardResult agent = new StandIn("safe", "throw:boom").check(answered, List.of(), null);
        assertEquals(GuardRole.AGENT, agent.role(), "a failure still names the turn it was about");
        GuardResult tool = new StandIn("safe", "safe").check(List.of(ChatMessage.text("tool", "{}")), List.of(), null);
        assertEquals(Verdict.Kind.ERROR, tool.verdict().kind(), "a conversation the guard cannot show is not waved through");
    }

    /** Image conversations go to the vision guard, text-only ones to the (cheaper) text guard. */
    @Test
    void routerSendsTextOnlyChecksToTheTextGuard() throws Exception {
        StandIn vision = new StandIn("safe", "safe"), text = new StandIn("unsafe\nS2", "safe");
        try (GuardRouter router = new GuardRouter(vision, text)) {
            assertEquals(Verdict.Kind.UNSAFE, router.check(QUESTION, List.of(), null).verdict().kind());
            List<ChatMessage> withImage = List.of(ChatMessage.of("user", new dev.tessera.engine.chat.ContentPart.Image(null),
                    new dev.tessera.engine.chat.ContentPart.Text("what is this?")));
            assertEquals(Verdict.Kind.SAFE, router.check(withImage, List.of(), null).verdict().kind());
        }
        assertEquals(1, vision.seen.size());
        assertEquals(1, text.seen.size());
        assertEquals(1, vision.seen.getFirst().imageItems());
        assertEquals(0, text.seen.getFirst().imageItems());
    }
}
