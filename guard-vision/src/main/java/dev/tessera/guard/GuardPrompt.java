package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ChatTemplate;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama Guard 3 prompt: the exact text, its ids, the role classified, and the tokens fed after it so that
 * the next logits are the verdict's.
 *
 * @param text             the rendered prompt, exactly as the checkpoint's template (or Meta's framing) writes it
 * @param ids              its token ids (starts with {@code <|begin_of_text|>}; nothing added)
 * @param imageTokens      {@code <|image|>} tokens in {@code ids}: 0, or 1 however many images there are
 * @param verdictPrefixIds what the model writes before the verdict word ({@code \n\n} = [271] with the
 *                         template, none with Meta's framing); fed with the prompt in one pass
 */
public record GuardPrompt(String text, int[] ids, GuardRole role, Framing framing, int imageTokens,
                          int[] verdictPrefixIds) {

    /** The generation step that carries the verdict token (the fixture's {@code verdict_step}). */
    public int verdictStep() {
        return verdictPrefixIds.length;
    }

    /** The prompt ids followed by the verdict prefix: one forward pass over these gives the verdict logits. */
    public int[] idsWithPrefix() {
        int[] out = java.util.Arrays.copyOf(ids, ids.length + verdictPrefixIds.length);
        System.arraycopy(verdictPrefixIds, 0, out, ids.length, verdictPrefixIds.length);
        return out;
    }

    /** A builder for one guard model folder (its template and tokenizer). */
    public static Builder builder(ChatTemplate template, Tokenizer tokenizer) {
        return new Builder(template, tokenizer);
    }

    public static final class Builder {
        private final ChatTemplate template; // null: only Meta's framing can be built
        private final Tokenizer tokenizer;
        private final GuardTokens tokens;
        private final int imageId;

        private Builder(ChatTemplate template, Tokenizer tokenizer) {
            this.template = template;
            this.tokenizer = tokenizer;
            this.tokens = new GuardTokens(tokenizer);
            this.imageId = tokenizer.requireId("<|image|>");
        }

        public GuardPrompt build(List<ChatMessage> conversation, GuardSettings s) {
            return build(GuardConversation.of(conversation), s);
        }

        /**
         * Builds the prompt. With {@link Framing#HF_CHAT_TEMPLATE} the guard checkpoint's own template renders
         * it, given {@code categories} (only when not the defaults, so the template's own list stands) and
         * {@code excluded_category_keys}. The result is checked to ask what was meant: an older 11B-Vision
         * processor template is reported to ignore both variables, and a guard that silently checks other
         * categories than configured must not pass.
         */
        public GuardPrompt build(GuardConversation c, GuardSettings s) {
            List<ChatMessage> escaped = GuardTokens.escape(c.messages());
            String rendered;
            if (s.framing() == Framing.HF_CHAT_TEMPLATE) {
                if (template == null) throw new BadInputException("the guard model has no chat template; it cannot build its prompt");
                Map<String, Object> vars = new HashMap<>();
                if (!s.categories().isDefault()) vars.put("categories", s.categories().texts());
                vars.put("excluded_category_keys", s.excluded());
                rendered = template.render(escaped, true, vars);
            } else {
                rendered = MetaFraming.render(new GuardConversation(escaped, c.role()), s);
            }
            String text = GuardTokens.unescape(rendered);
            check(text, c.role(), s);
            int[] ids = tokens.encode(rendered);
            int images = 0;
            for (int id : ids) if (id == imageId) images++;
            if (images != (c.imageItems() > 0 ? 1 : 0)) {
                throw new BadInputException(origin() + ": the guard prompt has " + images + " image tokens for "
                        + c.imageItems() + " image(s); expected " + (c.imageItems() > 0 ? 1 : 0));
            }
            int[] prefix = s.framing().verdictPrefix().isEmpty() ? new int[0] : tokenizer.encode(s.framing().verdictPrefix(), false);
            return new GuardPrompt(text, ids, c.role(), s.framing(), images, prefix);
        }

        private void check(String text, GuardRole role, GuardSettings s) {
            int end = text.lastIndexOf("<END CONVERSATION>"); // the template's own is the last one
            if (end < 0 || !text.substring(end).contains("ONLY THE LAST " + role.label() + " message")) {
                throw new BadInputException(origin() + ": the rendered guard prompt does not ask about the last "
                        + role.label() + " message; is this a Llama Guard 3 chat template?");
            }
            int conversationAt = text.indexOf("<BEGIN CONVERSATION>");
            if (conversationAt < 0) {
                throw new BadInputException(origin() + ": the rendered guard prompt has no <BEGIN CONVERSATION>; is this a Llama Guard 3 chat template?");
            }
            String header = text.substring(0, conversationAt); // the categories; message text cannot fake them
            for (String code : s.excluded()) {
                if (header.contains("\n" + code + ": ")) {
                    throw new BadInputException(origin() + ": the chat template ignores excluded_category_keys ("
                            + code + " is still in the prompt); update the checkpoint's template or drop the exclusion");
                }
            }
            if (!s.categories().isDefault()) {
                for (String code : s.activeCodes()) {
                    if (!header.contains("\n" + code + ": " + s.categories().texts().get(code))) {
                        throw new BadInputException(origin() + ": the chat template ignores the custom categories ("
                                + code + " is not in the prompt as given)");
                    }
                }
            }
        }

        private String origin() {
            return template != null ? template.origin() : tokenizer.source().toString();
        }

        public Tokenizer tokenizer() {
            return tokenizer;
        }
    }
}
