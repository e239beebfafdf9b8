package dev.tessera.caption;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a results file and finds where its valid part ends. Only what a crash can leave behind is cut off:
 * a last record without its line end (a write cut short), and records of zero bytes (blocks the file system
 * had allotted but not written). Any other unreadable record means the file was edited or damaged, and is an
 * error naming the line.
 */
final class ResultFileReader {
    /** The rows, and how many leading bytes of the file hold them (the rest is to be cut off). */
    record Contents(List<CaptionRow> rows, long keepBytes) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultFileReader() {}

    static Contents read(Path file, ResultLog.Format format, byte[] data) {
        return format == ResultLog.Format.JSONL ? jsonl(file, data) : csv(file, data);
    }

    private static Contents jsonl(Path file, byte[] data) {
        List<CaptionRow> rows = new ArrayList<>();
        long keep = 0;
        int start = 0;
        while (start < data.length) {
            int nl = indexOf(data, (byte) '\n', start);
            boolean complete = nl >= 0;
            int end = complete ? nl + 1 : data.length;
            String text = new String(data, start, end - start, StandardCharsets.UTF_8).strip();
            if (!complete || allZero(data, start, end)) {
                checkOnlyDebrisFollows(file, data, start);
                break;
            }
            if (!text.isEmpty()) {
                try {
                    rows.add(CaptionRow.fromJson(JSON.readTree(text)));
                } catch (Exception e) {
                    throw damaged(file, data, start, e);
                }
            }
            keep = end;
            start = end;
        }
        return new Contents(rows, keep);
    }

    private static Contents csv(Path file, byte[] data) {
        List<Csv.Record> records = Csv.parse(data);
        List<CaptionRow> rows = new ArrayList<>();
        if (records.isEmpty() || !records.getFirst().complete()) return new Contents(rows, 0); // header torn: rewrite it
        if (!records.getFirst().fields().equals(CaptionRow.COLUMNS)) {
            throw new BadInputException(file + ": not a Tessera results file (its CSV header is not "
                    + String.join(",", CaptionRow.COLUMNS) + ")");
        }
        long keep = records.getFirst().end();
        for (int i = 1; i < records.size(); i++) {
            Csv.Record r = records.get(i);
            if (!r.complete() || allZero(data, r.start(), r.end())) {
                for (Csv.Record after : records.subList(i + 1, records.size())) {
                    if (after.complete() && !allZero(data, after.start(), after.end())) {
                        throw damaged(file, data, after.start(), new IllegalArgumentException("a record after an incomplete one"));
                    }
                }
                break;
            }
            if (r.fields().size() == 1 && r.fields().getFirst().isBlank()) {
                keep = r.end();
                continue;
            }
            try {
                if (r.fields().size() != CaptionRow.COLUMNS.size()) {
                    throw new IllegalArgumentException(r.fields().size() + " fields, expected " + CaptionRow.COLUMNS.size());
                }
                Map<String, String> cells = new HashMap<>();
                for (int c = 0; c < r.fields().size(); c++) cells.put(CaptionRow.COLUMNS.get(c), r.fields().get(c));
                rows.add(CaptionRow.fromCsv(cells));
            } catch (RuntimeException e) {
                throw damaged(file, data, r.start(), e);
            }
            keep = r.end();
        }
        return new Contents(rows, keep);
    }

    /**
     * (JSONL) From {@code from} on there may be one record without its line end and zero bytes, nothing else: a second
     * complete record after a torn one is not what a crash of an append-only writer leaves.
     */
    private static void checkOnlyDebrisFollows(Path file, byte[] data, int from) {
        for (int at = from; at < data.length; ) {
            int nl = indexOf(data, (byte) '\n', at);
            if (nl < 0) return; // the one record cut short
            if (!allZero(data, at, nl + 1) && at > from) {
                throw damaged(file, data, at, new IllegalArgumentException("a record after an incomplete one"));
            }
            at = nl + 1;
        }
    }

    private static BadInputException damaged(Path file, byte[] data, int offset, Exception why) {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage().lines().findFirst().orElse("");
        return new BadInputException(file + " line " + lineOf(data, offset) + ": not a result row (" + reason
                + "); the file was edited or damaged. Fix or remove that line, or use --restart to start over");
    }

    private static int lineOf(byte[] data, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (data[i] == '\n') line++;
        return line;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) if (data[i] == b) return i;
        return -1;
    }

    /** Zero bytes (and the line end after them): space a crashed file system allotted but never wrote. */
    private static boolean allZero(byte[] data, int from, int to) {
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (data[i] == 0) any = true;
            else if (!(data[i] == '\n' && i == to - 1)) return false;
        }
        return any;
    }
}
