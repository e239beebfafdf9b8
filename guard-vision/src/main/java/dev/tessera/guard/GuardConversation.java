package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as the guard sees it: user and assistant turns alternating from a user turn, every message's
 * content a list of items, and the role of the last turn (the one classified).
 *
 * <p>The Llama Guard 3 template needs strict alternation (it raises otherwise) and takes the role from the
 * number of messages; and it reads text only from list items, so a message whose content is one plain string
 * would be rendered as no text at all and the guard would check nothing. Hence:
 * <ul>
 *   <li>system messages are dropped (operator instructions: the guard classifies user and assistant turns);</li>
 *   <li>assistant turns before the first user turn are dropped (a greeting is not what is checked);</li>
 *   <li>consecutive turns of one role are merged into one turn, keeping every item in order;</li>
 *   <li>string content becomes one text item;</li>
 *   <li>any other role (tool, ipython) is an error: the guard has no way to show it.</li>
 * </ul>
 *
 * @param messages the normalised turns, never empty
 * @param role     User if the last turn is the user's, Agent if it is the assistant's
 */
public record GuardConversation(List<ChatMessage> messages, GuardRole role) {
    public GuardConversation {
        messages = List.copyOf(messages);
    }

    public static GuardConversation of(List<ChatMessage> conversation) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : conversation) {
            String role = m.role();
            if (role.equals("system")) continue;
            if (!role.equals("user") && !role.equals("assistant")) {
                throw new BadInputException("the guard classifies user and assistant turns; a \"" + role + "\" message cannot be checked");
            }
            if (out.isEmpty() && role.equals("assistant")) continue;
            if (!out.isEmpty() && out.getLast().role().equals(role)) {
                List<ContentPart> merged = new ArrayList<>(out.getLast().content());
                merged.addAll(m.content());
                out.set(out.size() - 1, new ChatMessage(role, merged));
            } else {
                out.add(new ChatMessage(role, m.content()));
            }
        }
        if (out.isEmpty()) throw new BadInputException("the conversation has no user turn for the guard to check");
        return new GuardConversation(out, out.getLast().role().equals("user") ? GuardRole.USER : GuardRole.AGENT);
    }

    /** This conversation followed by the assistant's answer (what the output check classifies). */
    public GuardConversation withAnswer(String answer) {
        List<ChatMessage> all = new ArrayList<>(messages);
        all.add(ChatMessage.of("assistant", new ContentPart.Text(answer)));
        return of(all);
    }

    /** Image items over all turns, in order (each stands for one image the guard must see). */
    public int imageItems() {
        int n = 0;
        for (ChatMessage m : messages) n += m.images().size();
        return n;
    }
}
