package dev.tessera.desktop.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * Finds the CSV in an answer, for "Save CSV": a fenced {@code csv} block first, else the first Markdown table
 * (converted, quoting cells as RFC 4180 wants), else the whole answer when every line has the same number of commas.
 */
public final class CsvExtractor {
    private CsvExtractor() {}

    /** The CSV text, ending in a newline, or null when the answer holds none. */
    public static String extract(String answer) {
        if (answer == null || answer.isBlank()) return null;
        Node doc = MarkdownSyntax.parse(answer);
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof FencedCodeBlock c && c.getInfo().trim().equalsIgnoreCase("csv")) return withNewline(c.getLiteral());
        }
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof TableBlock t) return tableToCsv(t);
        }
        return looksLikeCsv(answer) ? withNewline(answer.strip()) : null;
    }

    static String tableToCsv(TableBlock table) {
        StringBuilder sb = new StringBuilder();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) cells.add(quote(textOf(cell).strip()));
                sb.append(String.join(",", cells)).append('\n');
            }
        }
        return sb.toString();
    }

    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) return '"' + cell.replace("\"", "\"\"") + '"';
        return cell;
    }

    private static String textOf(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Text t) sb.append(t.getLiteral());
            else if (c instanceof org.commonmark.node.Code code) sb.append(code.getLiteral());
            else if (c instanceof SoftLineBreak) sb.append(' ');
            else sb.append(textOf(c));
        }
        return sb.toString();
    }

    static boolean looksLikeCsv(String s) {
        List<String> lines = s.strip().lines().toList();
        if (lines.size() < 2) return false;
        long commas = lines.getFirst().chars().filter(ch -> ch == ',').count();
        return commas > 0 && lines.stream().allMatch(l -> l.chars().filter(ch -> ch == ',').count() == commas);
    }

    private static String withNewline(String s) {
        return s.endsWith("\n") ? s : s + "\n";
    }
}
