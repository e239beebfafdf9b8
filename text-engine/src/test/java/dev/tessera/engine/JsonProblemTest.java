package dev.tessera.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonProblemTest {
    private static String problemOf(String json) {
        return JsonProblem.describe(assertThrows(JsonProcessingException.class, () -> JsonMapper.builder().build().readTree(json)));
    }

    @Test
    void unclosedObjectSaysWhatAndWhereWithoutParserInternals() {
        assertEquals("Unexpected end-of-input: expected close marker for Object at line 1, column 18",
                problemOf("{\"text_config\": {"));
    }

    @Test
    void positionOnTheRightLine() {
        assertEquals("Unexpected character (',' (code 44)): was expecting double-quote to start field name at line 2, column 1",
                problemOf("{\"a\": 1,\n,}"));
    }

    @Test
    void otherIoErrorsKeepTheirFirstLine() {
        assertEquals("disk on fire", JsonProblem.describe(new IOException("disk on fire\nmore")));
    }
}
