package dev.tessera.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * What is wrong with a JSON file, in words for the one-line error: Jackson's own message without the
 * "(start marker at [Source: REDACTED ...])" tail it appends, plus the line and column.
 */
public final class JsonProblem {
    private JsonProblem() {}

    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException j) {
            // some messages carry "(start marker at [Source: REDACTED ...; line: 1, column: 17])": the position
            // follows anyway
            String what = firstLine(j.getOriginalMessage()).replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "");
            JsonLocation at = j.getLocation();
            return at == null || at.getLineNr() < 1 ? what : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse("").strip();
    }
}
