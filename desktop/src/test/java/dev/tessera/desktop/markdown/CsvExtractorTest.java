package dev.tessera.desktop.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.store.ConversationStoreTest;
import org.junit.jupiter.api.Test;

class CsvExtractorTest {
    @Test
    void prefersACsvBlock() {
        assertEquals("a,b\n1,2\n", CsvExtractor.extract("Here:\n\n```csv\na,b\n1,2\n```\n\n| x | y |\n|---|---|\n| 3 | 4 |\n"));
    }

    @Test
    void convertsAMarkdownTableQuotingCells() {
        String md = "| Item | Price |\n|---|---:|\n| Buns, x4 | 9.60 |\n| \"Oat\" milk | `2.35` |\n";
        assertEquals("Item,Price\n\"Buns, x4\",9.60\n\"\"\"Oat\"\" milk\",2.35\n", CsvExtractor.extract(md));
    }

    @Test
    void takesPlainCsvAndRefusesProse() {
        assertEquals("a,b\n1,2\n", CsvExtractor.extract("a,b\n1,2"));
        assertNull(CsvExtractor.extract("The chart shows rain, mostly in January."));
        assertNull(CsvExtractor.extract(""));
    }

    @Test
    void exportsAConversationAsMarkdown() {
        String md = MarkdownExport.of(ConversationStoreTest.conversation("a1", "Rain chart", 5));
        assertTrue(md.startsWith("# Rain chart\n"), md);
        assertTrue(md.contains("demo model: random weights"), md);
        assertTrue(md.contains("**You:**\n\n![chart.png](/tmp/chart.png)\n\nWhat is this?"), md);
        assertTrue(md.contains("**Tessera:**\n\nA **chart**."), md);
        assertTrue(md.contains("> guard: blocked (S9 Indiscriminate Weapons)"), md);
        assertTrue(md.contains("> (stopped)"), md);
    }
}
