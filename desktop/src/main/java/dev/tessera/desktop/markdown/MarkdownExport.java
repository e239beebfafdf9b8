package dev.tessera.desktop.markdown;

import dev.tessera.desktop.store.StoredConversation;
import dev.tessera.desktop.store.StoredMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A conversation as a Markdown document: the title, then each message with its images and guard notes. */
public final class MarkdownExport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private MarkdownExport() {}

    public static String of(StoredConversation c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(c.title().isBlank() ? "Conversation" : c.title()).append("\n\n");
        sb.append("_Tessera, ").append(WHEN.format(Instant.ofEpochMilli(c.createdMs())));
        if (c.model() != null) sb.append(", model ").append(c.model());
        if (c.demoModel()) sb.append(" (demo model: random weights, the answers are nonsense)");
        sb.append("_\n\n");
        for (StoredMessage m : c.messages()) {
            boolean user = "user".equals(m.role());
            sb.append(user ? "**You:**" : "**Tessera:**").append("\n\n");
            for (StoredMessage.StoredImage img : m.images()) {
                String label = img.page() > 0 ? "page " + img.page() + " of " + fileName(img.source()) : fileName(img.file());
                sb.append("![").append(label).append("](").append(img.file().replace(" ", "%20")).append(")\n\n");
            }
            if (!m.text().isBlank()) sb.append(m.text().strip()).append("\n\n");
            if (m.guard() != null && !m.guard().equals("OFF")) {
                sb.append("> guard: ").append(m.guard().toLowerCase(java.util.Locale.ROOT));
                if (!m.guardCategories().isEmpty()) sb.append(" (").append(String.join(", ", m.guardCategories())).append(')');
                sb.append("\n\n");
            }
            if ("stopped".equals(m.state())) sb.append("> (stopped)\n\n");
        }
        return sb.toString();
    }

    private static String fileName(String path) {
        if (path == null) return "image";
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
