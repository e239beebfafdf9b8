package dev.tessera.desktop.markdown;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * Renders Markdown as JavaFX nodes - no WebView: commonmark-java's syntax tree becomes a VBox of TextFlows
 * (paragraphs, headings), lists with markers, block quotes, code blocks, and GridPane tables. Every Text carries
 * style classes ({@code md-strong}, {@code md-em}, {@code md-code}, ...) that the theme's CSS styles.
 */
public final class MarkdownView {
    private MarkdownView() {}

    public static VBox render(String markdown) {
        VBox box = new VBox();
        box.getStyleClass().add("markdown");
        blocks(MarkdownSyntax.parse(markdown), box.getChildren());
        return box;
    }

    /** The text a rendered answer shows, in order (tests read answers this way). */
    public static String plainText(javafx.scene.Node node) {
        StringBuilder sb = new StringBuilder();
        collect(node, sb);
        return sb.toString();
    }

    private static void collect(javafx.scene.Node node, StringBuilder sb) {
        if (node instanceof Text t) sb.append(t.getText());
        else if (node instanceof Label l) sb.append(l.getText());
        else if (node instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) collect(c, sb);
            if (node instanceof TextFlow || node instanceof HBox) sb.append('\n');
        }
    }

    private static void blocks(Node parent, List<javafx.scene.Node> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            javafx.scene.Node fx = block(n);
            if (fx != null) out.add(fx);
        }
    }

    private static javafx.scene.Node block(Node n) {
        return switch (n) {
            case Paragraph p -> flow(p, "md-paragraph");
            case Heading h -> flow(h, "md-h" + Math.min(h.getLevel(), 4));
            case BulletList l -> list(l, 0);
            case OrderedList l -> list(l, l.getMarkerStartNumber() == null ? 1 : l.getMarkerStartNumber());
            case FencedCodeBlock c -> codeBlock(c.getLiteral());
            case IndentedCodeBlock c -> codeBlock(c.getLiteral());
            case BlockQuote q -> container(q, "md-quote");
            case ThematicBreak ignored -> new Separator();
            case TableBlock t -> table(t);
            case HtmlBlock h -> plain(h.getLiteral());
            default -> container(n, "md-block");
        };
    }

    private static TextFlow flow(Node n, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        inline(n, flow, new ArrayDeque<>());
        return flow;
    }

    private static TextFlow plain(String literal) {
        TextFlow flow = new TextFlow(text(literal.stripTrailing(), new ArrayDeque<>()));
        flow.getStyleClass().add("md-paragraph");
        return flow;
    }

    private static VBox container(Node n, String styleClass) {
        VBox box = new VBox();
        box.getStyleClass().add(styleClass);
        blocks(n, box.getChildren());
        return box;
    }

    /** @param start 0 for bullets, else the number of the first item */
    private static VBox list(Node l, int start) {
        VBox box = new VBox();
        box.getStyleClass().add(start == 0 ? "md-bullet-list" : "md-ordered-list");
        int number = start;
        for (Node item = l.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) continue;
            Label marker = new Label(start == 0 ? "•" : number++ + ".");
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(start == 0 ? 16 : 26);
            marker.setAlignment(Pos.TOP_RIGHT);
            VBox content = container(item, "md-list-item");
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(6, marker, content);
            box.getChildren().add(row);
        }
        return box;
    }

    private static javafx.scene.Node codeBlock(String literal) {
        Text t = new Text(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        t.getStyleClass().addAll("md-code", "md-code-text");
        TextFlow flow = new TextFlow(t);
        flow.getStyleClass().add("md-code-block");
        return flow;
    }

    private static GridPane table(TableBlock t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        int row = 0;
        for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (Node r = section.getFirstChild(); r != null; r = r.getNext(), row++) {
                int col = 0;
                for (Node c = r.getFirstChild(); c != null; c = c.getNext(), col++) {
                    TextFlow cell = flow(c, head ? "md-th" : (row % 2 == 0 ? "md-td-even" : "md-td"));
                    cell.getStyleClass().add("md-cell");
                    if (c instanceof TableCell tc && tc.getAlignment() != null) {
                        cell.setTextAlignment(switch (tc.getAlignment()) {
                            case CENTER -> javafx.scene.text.TextAlignment.CENTER;
                            case RIGHT -> javafx.scene.text.TextAlignment.RIGHT;
                            default -> javafx.scene.text.TextAlignment.LEFT;
                        });
                    }
                    cell.setMaxWidth(Double.MAX_VALUE);
                    GridPane.setFillWidth(cell, true);
                    grid.add(cell, col, row);
                    if (row == 0) {
                        ColumnConstraints cc = new ColumnConstraints();
                        cc.setHalignment(HPos.LEFT);
                        grid.getColumnConstraints().add(cc);
                    }
                }
            }
        }
        return grid;
    }

    private static void inline(Node parent, TextFlow flow, Deque<String> styles) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
            switch (c) {
                case org.commonmark.node.Text t -> flow.getChildren().add(text(t.getLiteral(), styles));
                case Code code -> styled(flow, styles, "md-code", () -> flow.getChildren().add(text(code.getLiteral(), styles)));
                case Emphasis e -> styled(flow, styles, "md-em", () -> inline(e, flow, styles));
                case StrongEmphasis s -> styled(flow, styles, "md-strong", () -> inline(s, flow, styles));
                case Strikethrough s -> styled(flow, styles, "md-strike", () -> inline(s, flow, styles));
                case Link l -> styled(flow, styles, "md-link", () -> inline(l, flow, styles));
                case Image i -> flow.getChildren().add(text("[image: " + i.getDestination() + "]", styles));
                case SoftLineBreak ignored -> flow.getChildren().add(text(" ", styles));
                case HardLineBreak ignored -> flow.getChildren().add(text("\n", styles));
                case HtmlInline h -> flow.getChildren().add(text(h.getLiteral(), styles));
                default -> inline(c, flow, styles);
            }
        }
    }

    private static void styled(TextFlow flow, Deque<String> styles, String style, Runnable body) {
        styles.push(style);
        try {
            body.run();
        } finally {
            styles.pop();
        }
    }

    private static Text text(String s, Deque<String> styles) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        if (styles.contains("md-strike")) t.setStrikethrough(true);
        if (styles.contains("md-link")) t.setUnderline(true);
        return t;
    }
}
