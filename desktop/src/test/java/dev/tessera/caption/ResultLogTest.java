package dev.tessera.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultLogTest {
    @TempDir
    Path tmp;

    static CaptionRow row(String path, String caption) {
        return new CaptionRow(path, "ab12", 123L, CaptionRow.DONE, caption, null, null, null, "short", "Say, \"what\"?",
                "tiny@000", "max_tiles=1 max_tokens=4 greedy", 4, 1.5, 2.5, 3.0, 7.0, "2025-01-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"r.jsonl", "r.csv"})
    void rowsRoundTripWithCommasQuotesAndLineBreaks(String name) {
        Path f = tmp.resolve(name);
        CaptionRow a = row("/p/a.jpg", "A cat, a \"dog\"\nand a line break; ümlaut 猫");
        CaptionRow b = new CaptionRow("/p/b,c.jpg", null, null, CaptionRow.FAILED, null, "truncated JPEG file", null,
                null, "short", "x", "m", "s", null, null, null, null, null, "t");
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.NEW)) {
            log.append(a);
            log.append(b);
        }
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.RESUME)) {
            assertEquals(List.of(a, b), log.previousRows());
            assertTrue(log.notes().isEmpty(), log.notes().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"r.jsonl", "r.csv"})
    void aRecordTornByAKillIsCutOffOnResume(String name) throws IOException {
        Path f = tmp.resolve(name);
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.NEW)) {
            log.append(row("/p/a.jpg", "first"));
            log.append(row("/p/b.jpg", "second\nline"));
        }
        long good = Files.size(f);
        // What a kill in the middle of write() leaves: the start of a record (here inside a quoted CSV field).
        String torn = name.endsWith(".csv") ? "/p/c.jpg,ab12,1,done,\"half a cap" : "{\"path\":\"/p/c.jpg\",\"sha2";
        Files.writeString(f, torn, StandardOpenOption.APPEND);
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.RESUME)) {
            assertEquals(2, log.previousRows().size());
            assertTrue(log.notes().getFirst().contains("incomplete last record"), log.notes().toString());
            log.append(row("/p/c.jpg", "third"));
        }
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.RESUME)) {
            assertEquals(List.of("/p/a.jpg", "/p/b.jpg", "/p/c.jpg"), log.previousRows().stream().map(CaptionRow::path).toList());
        }
        assertTrue(Files.size(f) > good);
    }

    @Test
    void zeroBytesAfterACrashAreCutOff() throws IOException {
        Path f = tmp.resolve("r.jsonl");
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.NEW)) {
            log.append(row("/p/a.jpg", "first"));
        }
        Files.write(f, new byte[4096], StandardOpenOption.APPEND); // delayed allocation: size grew, data never came
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.RESUME)) {
            assertEquals(1, log.previousRows().size());
        }
        assertTrue(Files.readString(f).endsWith("}\n"));
    }

    @Test
    void damageBeforeTheEndIsReportedNotRepaired() throws IOException {
        Path f = tmp.resolve("r.jsonl");
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.NEW)) {
            log.append(row("/p/a.jpg", "first"));
        }
        String good = Files.readString(f);
        Files.writeString(f, good + "this is not json\n" + good);
        BadInputException e = assertThrows(BadInputException.class, () -> ResultLog.open(f, ResultLog.Mode.RESUME));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertEquals(good + "this is not json\n" + good, Files.readString(f), "the file is left as it was");
    }

    @Test
    void anExistingBatchNeedsResumeOrRestart() throws IOException {
        Path f = tmp.resolve("r.csv");
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.NEW)) {
            log.append(row("/p/a.jpg", "first"));
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ResultLog.open(f, ResultLog.Mode.NEW));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        try (ResultLog log = ResultLog.open(f, ResultLog.Mode.RESTART)) {
            assertTrue(log.previousRows().isEmpty());
        }
        try (Stream<Path> files = Files.list(tmp)) {
            Path bak = files.filter(p -> p.toString().endsWith(".bak")).findFirst().orElseThrow();
            assertTrue(Files.readString(bak).contains("/p/a.jpg"), "the old results are kept");
        }
        assertEquals(String.join(",", CaptionRow.COLUMNS) + "\n", Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void oneFileOneBatch() {
        Path f = tmp.resolve("r.jsonl");
        try (ResultLog first = ResultLog.open(f, ResultLog.Mode.NEW)) {
            BadInputException e = assertThrows(BadInputException.class, () -> ResultLog.open(f, ResultLog.Mode.RESUME));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void otherExtensionsAreRefused() {
        assertThrows(BadInputException.class, () -> ResultLog.open(tmp.resolve("r.txt"), ResultLog.Mode.NEW));
    }
}
