package dev.tessera.desktop.engine;

import java.util.List;

/**
 * One question in a conversation: every earlier turn (so the prompt is the whole chat) and the question as the
 * last user turn.
 */
public record ChatRequest(String conversationId, List<ChatTurn> turns, GenerationSettings settings) {
    public ChatRequest {
        turns = List.copyOf(turns);
        if (turns.isEmpty() || turns.getLast().role() != ChatTurn.Role.USER) {
            throw new IllegalArgumentException("a request ends with a user turn");
        }
    }

    public ChatTurn question() {
        return turns.getLast();
    }
}
