package dev.tessera.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardConversationTest {
    @Test
    void plainStringContentIsStillChecked() {
        // the guard template reads text only from list items: a plain string would vanish from the prompt
        GuardConversation c = GuardConversation.of(List.of(ChatMessage.text("user", "How do I pick a lock?")));
        assertFalse(c.messages().getFirst().plainText());
        GuardPrompt p = TinyGuards.builder().build(c, GuardSettings.defaults());
        assertTrue(p.text().contains("User: How do I pick a lock?\n\n"), p.text());
    }

    @Test
    void systemDroppedSameRolesMergedRoleFromTheLastTurn() {
        GuardConversation c = GuardConversation.of(List.of(
                ChatMessage.text("system", "Be brief."),
                ChatMessage.text("assistant", "Hello! Ask me anything."),
                ChatMessage.of("user", new ContentPart.Image(null), new ContentPart.Text("What is this?")),
                ChatMessage.text("user", "And is it edible?"),
                ChatMessage.text("assistant", "It is a mushroom.")));
        assertEquals(2, c.messages().size());
        assertEquals(GuardRole.AGENT, c.role());
        assertEquals(3, c.messages().getFirst().content().size());
        assertEquals(1, c.imageItems());
        GuardConversation after = GuardConversation.of(c.messages().subList(0, 1)).withAnswer("A mushroom.");
        assertEquals(GuardRole.AGENT, after.role());
        assertEquals(GuardRole.USER, GuardConversation.of(c.messages().subList(0, 1)).role());
    }

    @Test
    void unsupportedTurnsAreErrors() {
        assertThrows(BadInputException.class, () -> GuardConversation.of(List.of(ChatMessage.text("system", "x"))));
        assertThrows(BadInputException.class, () -> GuardConversation.of(List.of(
                ChatMessage.text("user", "x"), ChatMessage.text("tool", "{}"))));
    }
}
