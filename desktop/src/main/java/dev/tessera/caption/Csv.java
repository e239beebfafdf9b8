package dev.tessera.caption;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, one record per line ending in {@code \n}; fields with a comma, quote or line break are quoted,
 * so captions keep their line breaks. Parsing works on the raw bytes and reports where each record starts and
 * ends, which is what the results file needs to cut off a record torn by a crash.
 */
final class Csv {
    /** One record; {@code complete} is false for a last record that the file ends inside of. */
    record Record(List<String> fields, int start, int end, boolean complete) {}

    private Csv() {}

    /** A record line, {@code \n}-terminated; null fields are written empty. */
    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            String f = fields.get(i);
            if (f == null) continue;
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append('\n').toString();
    }

    /** Every record in the data; a trailing record without its line end is returned with complete = false. */
    static List<Record> parse(byte[] data) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean quoted = false, wasQuoted = false;
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (quoted) {
                if (b != '"') {
                    field.write(b);
                } else if (i + 1 < data.length && data[i + 1] == '"') {
                    field.write('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (b == '"' && field.size() == 0 && !wasQuoted) {
                quoted = wasQuoted = true;
            } else if (b == ',') {
                fields.add(field.toString(StandardCharsets.UTF_8));
                field.reset();
                wasQuoted = false;
            } else if (b == '\n') {
                String last = field.toString(StandardCharsets.UTF_8);
                if (!wasQuoted && last.endsWith("\r")) last = last.substring(0, last.length() - 1);
                fields.add(last);
                out.add(new Record(List.copyOf(fields), start, i + 1, true));
                fields.clear();
                field.reset();
                wasQuoted = false;
                start = i + 1;
            } else {
                field.write(b);
            }
        }
        if (start < data.length) {
            fields.add(field.toString(StandardCharsets.UTF_8));
            out.add(new Record(List.copyOf(fields), start, data.length, false));
        }
        return out;
    }
}
