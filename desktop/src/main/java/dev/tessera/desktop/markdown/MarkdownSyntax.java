package dev.tessera.desktop.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/** The Markdown dialect of answers: CommonMark with GitHub tables and strikethrough (commonmark-java). */
final class MarkdownSyntax {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private MarkdownSyntax() {}

    static Node parse(String markdown) {
        return PARSER.parse(markdown == null ? "" : markdown);
    }
}
