package dev.tessera.desktop.chat;

import dev.tessera.desktop.engine.CancelToken;
import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.ChatRequest;
import dev.tessera.desktop.engine.EngineReply;
import dev.tessera.desktop.engine.TokenSink;
import dev.tessera.desktop.guard.Guard;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;

/**
 * One exchange on the engine thread, UI-free: check the question, generate, check the answer. The guard's
 * BLOCKED stops before any token; an unsafe answer comes back WITHHELD.
 */
final class ExchangeRunner {
    /** What happened; {@code reply} is null when the question was blocked. */
    record Outcome(EngineReply reply, GuardState guard, MessageState state) {}

    private ExchangeRunner() {}

    static Outcome run(ChatEngine engine, ChatRequest request, Guard guard, GuardPolicy policy, TokenSink sink, CancelToken cancel) {
        var question = request.question();
        GuardState checked = GuardState.of(GuardStatus.OFF);
        if (policy != GuardPolicy.OFF) {
            checked = guard.checkQuestion(question.text(), question.images());
            if (checked.stops()) {
                return new Outcome(null, new GuardState(GuardStatus.BLOCKED, checked.categories(), checked.detail()), MessageState.BLOCKED);
            }
        }
        EngineReply reply = engine.ask(request, sink, cancel);
        MessageState state = switch (reply.finish()) {
            case DONE -> MessageState.DONE;
            case LENGTH -> MessageState.LENGTH;
            case STOPPED -> MessageState.STOPPED;
        };
        if (policy == GuardPolicy.INPUT_AND_OUTPUT && checked.status() == GuardStatus.SAFE && !reply.text().isBlank()) {
            GuardState answer = guard.checkAnswer(question.text(), question.images(), reply.text());
            if (answer.stops()) {
                return new Outcome(reply, new GuardState(GuardStatus.WITHHELD, answer.categories(), answer.detail()), MessageState.WITHHELD);
            }
            checked = answer;
        }
        return new Outcome(reply, checked, state);
    }
}
