package dev.tessera.engine.tokenizer;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.fuzz.FuzzContract;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes reading tokenizer.json, and the Llama 3 tokenizer itself: any text encodes to ids in range that decode
 * back to the text (byte-level BPE loses nothing), the streaming decoder agrees with the whole decode, and
 * arbitrary ids decode without error when in range and are refused with a BadInputException when not.
 */
class TokenizerFuzzTest {
    @MethodSource("tokenizerFiles")
    @DictionaryEntries({"\"model\"", "\"vocab\"", "\"merges\"", "\"added_tokens\"", "\"pre_tokenizer\"", "\"type\"",
            "\"BPE\"", "\"ByteLevel\"", "\"Sequence\"", "\"Split\"", "\"Regex\"", "\"pretokenizers\"", "\"ignore_merges\"",
            "\"special\"", "\"content\"", "\"id\"", "\"Isolated\"", "2147483647", "\"\\u0120\""})
    @FuzzTest(maxDuration = "10s")
    void tokenizerJson(byte[] bytes) {
        Path file = FuzzContract.write("tokenizer/tokenizer.json", bytes);
        Tokenizer t = FuzzContract.parse(() -> Tokenizer.load(file));
        if (t == null) return;
        // A tokenizer that loads must work on ordinary text: ids in range, decodable.
        int[] ids = FuzzContract.parse(() -> t.encode("Hello wörld, 12345 <|x|>\n\tthe end 🙂", true));
        if (ids == null) return; // e.g. a byte missing from its vocabulary: refused with a message
        for (int id : ids) if (id < 0 || id >= t.size()) throw new AssertionError("id " + id + " of " + t.size());
        t.decode(ids);
    }

    /** A 256-byte vocabulary with a few merges, in the Llama 3 layout (split regex, then byte-level). */
    static List<byte[]> tokenizerFiles() {
        StringBuilder vocab = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            vocab.append(b == 0 ? "" : ",").append('"').append(jsonChar(ByteAlphabet.charOf(b))).append("\":").append(b);
        }
        vocab.append(",\"\\u0120t\":256,\"he\":257,\"\\u0120the\":258");
        String split = "{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\p{L}+|\\\\p{N}{1,3}| ?[^\\\\s\\\\p{L}\\\\p{N}]+|\\\\s+\"},"
                + "\"behavior\":\"Isolated\",\"invert\":false}";
        String llama = "{\"added_tokens\":[{\"id\":259,\"content\":\"<|x|>\",\"special\":true}],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Sequence\",\"pretokenizers\":[" + split
                + ",{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"use_regex\":false}]},"
                + "\"decoder\":{\"type\":\"ByteLevel\"},\"model\":{\"type\":\"BPE\",\"ignore_merges\":true,"
                + "\"vocab\":{" + vocab + "},\"merges\":[\"\\u0120 t\",\"h e\",[\"\\u0120t\",\"he\"]]}}";
        String gpt2 = "{\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true},"
                + "\"model\":{\"merges\":[],\"vocab\":{" + vocab + "}}}";
        return List.of(llama.getBytes(StandardCharsets.UTF_8), gpt2.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonChar(char c) {
        return c == '"' || c == '\\' ? "\\" + c : String.valueOf(c);
    }

    /**
     * Input: a flags byte, a 2-byte text length, the text (UTF-8, or UTF-16 code units so that lone surrogates
     * occur), then 3-byte token ids.
     */
    @MethodSource("texts")
    // Jazzer writes entries to libFuzzer's dictionary file unescaped: a line break in one ends the line and
    // libFuzzer refuses the whole file (no long run at all), so CR LF and a lone surrogate come from the seeds
    @DictionaryEntries({"<|begin_of_text|>", "<|image|>", "<|eot_id|>", "<|start_header_id|>", "'s", "'ll", " 1234"})
    @FuzzTest(maxDuration = "10s")
    void encodeDecode(byte[] bytes) {
        Tokenizer t = TestTokenizers.llama();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int flags = in.hasRemaining() ? in.get() : 0;
        boolean special = (flags & 1) != 0, utf16 = (flags & 2) != 0, skip = (flags & 4) != 0;
        int length = Math.min(in.remaining(), in.remaining() >= 2 ? in.getShort() & 0xFFFF : 0);
        byte[] raw = new byte[Math.min(length, in.remaining())];
        in.get(raw);
        String text = utf16 ? new String(raw, StandardCharsets.UTF_16BE) : new String(raw, StandardCharsets.UTF_8);
        if (utf16 && raw.length % 2 == 0) {
            char[] units = new char[raw.length / 2];
            ByteBuffer.wrap(raw).asCharBuffer().get(units);
            text = new String(units); // exactly these code units, lone surrogates included
        }

        int[] ids = t.encode(text, special);
        for (int id : ids) if (id < 0 || id >= t.size()) throw new AssertionError("id " + id + " out of range");
        String decoded = t.decode(ids);
        boolean wellFormed = StandardCharsets.UTF_8.newEncoder().canEncode(text);
        if (wellFormed && !decoded.equals(text)) {
            throw new AssertionError("decode(encode(text)) differs: " + escape(text) + " -> " + escape(decoded));
        }
        checkStreaming(t, ids, skip);

        List<Integer> wild = new ArrayList<>();
        while (in.remaining() >= 3) {
            int v = (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | in.get() & 0xFF;
            // mostly near the vocabulary (just past its end included), sometimes anything, negatives too
            wild.add((v & 0x800000) == 0 ? v % (t.size() + 16) : (v << 8) >> 8);
        }
        int[] any = wild.stream().mapToInt(Integer::intValue).toArray();
        boolean inRange = wild.stream().allMatch(id -> id >= 0 && id < t.size());
        try {
            t.decode(any, skip);
            checkStreaming(t, any, skip);
            if (!inRange) throw new AssertionError("ids out of range were decoded: " + wild);
        } catch (BadInputException e) {
            if (inRange) throw new AssertionError("ids in range were refused: " + wild, e);
        }
    }

    private static void checkStreaming(Tokenizer t, int[] ids, boolean skip) {
        String streamed = TestTokenizers.streamAll(t.streamingDecoder(skip), ids);
        if (!streamed.equals(t.decode(ids, skip))) throw new AssertionError("streaming differs from decode");
    }

    static List<byte[]> texts() {
        List<byte[]> out = new ArrayList<>();
        String[] samples = {"Hello world", "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>",
                "👍 日本語 ½ café\r\n\t  x", "it's 1234567 o'clock!!!"};
        for (int i = 0; i < samples.length; i++) {
            byte[] text = samples[i].getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(3 + text.length + 9);
            b.put((byte) i).putShort((short) text.length).put(text).put(new byte[] {0, 1, 0, 0x7F, (byte) 0xFF, 0, 0, 0, 9});
            out.add(b.array());
        }
        // UTF-16 code units (flag 2) with lone surrogates, which no UTF-8 string can carry
        String lone = "\uD83D lone \uDC4D";
        ByteBuffer b = ByteBuffer.allocate(3 + 2 * lone.length());
        b.put((byte) 2).putShort((short) (2 * lone.length()));
        for (char c : lone.toCharArray()) b.putChar(c);
        out.add(b.array());
        return out;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.append('"').toString();
    }
}
