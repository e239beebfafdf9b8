package dev.tessera.engine.tokenizer;

import dev.tessera.engine.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE tokenizer read from a Hugging Face tokenizer.json (Llama 3 / Llama 3.2 Vision).
 *
 * <p>Encoding, as HF tokenizers does it: find added tokens ({@code <|begin_of_text|>}, {@code <|image|>}) in
 * the raw text; split the text between them into words with the pre-tokenizer regex; spell each word's UTF-8
 * bytes in the byte alphabet; look the whole word up when {@code ignore_merges} is set, else merge BPE
 * pairs by rank. Nothing is added: no BOS (the chat template or {@code PromptText.withBos} puts it in).
 *
 * <p>Immutable and thread-safe; the word cache is concurrent.
 */
public final class Tokenizer {
    /** Words seen before, original text -> ids. Bounded like HF's (10,000 entries), then it stops growing. */
    private static final int CACHE_CAPACITY = 10_000;

    private final Path source;
    private final String[] tokens; // id -> token text (byte alphabet for vocab entries); null for unused ids
    private final boolean[] special;
    private final byte[][] tokenBytes; // id -> the bytes it decodes to
    private final VocabMap vocab; // the BPE model's vocabulary (added tokens are in `added`)
    private final MergeTable merges;
    private final boolean ignoreMerges;
    private final int[] byteIds; // byte -> id of its one-char token, -1 if the vocabulary lacks it
    private final PreTokenizer preTokenizer;
    private final AddedTokens added;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    Tokenizer(Path source, String[] tokens, boolean[] special, VocabMap vocab, MergeTable merges,
            boolean ignoreMerges, int[] byteIds, PreTokenizer preTokenizer, AddedTokens added) {
        this.source = source;
        this.tokens = tokens;
        this.special = special;
        this.vocab = vocab;
        this.merges = merges;
        this.ignoreMerges = ignoreMerges;
        this.byteIds = byteIds;
        this.preTokenizer = preTokenizer;
        this.added = added;
        this.tokenBytes = new byte[tokens.length][];
        for (int id = 0; id < tokens.length; id++) {
            tokenBytes[id] = tokens[id] == null ? new byte[0] : ByteAlphabet.bytesOf(tokens[id]);
        }
    }

    /** Reads {@code tokenizer.json}, given either the file or the model folder that holds it. */
    public static Tokenizer load(Path modelDirOrTokenizerJson) {
        Path file = Files.isDirectory(modelDirOrTokenizerJson)
                ? modelDirOrTokenizerJson.resolve("tokenizer.json")
                : modelDirOrTokenizerJson;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file"
                    + (file == modelDirOrTokenizerJson ? "" : " (the model folder needs a tokenizer.json)"));
        }
        return TokenizerJson.read(file);
    }

    /** The tokenizer.json this was read from. */
    public Path source() {
        return source;
    }

    /**
     * Token ids of {@code text}; nothing is added (no BOS). With {@code recognizeSpecial}, the text of a special
     * token anywhere in {@code text} becomes that token's id (HF's default); without it, special tokens are
     * encoded as plain text, e.g. for user input that must not inject control tokens.
     */
    public int[] encode(String text, boolean recognizeSpecial) {
        IntList out = new IntList(Math.max(16, text.length() / 3));
        int pos = 0;
        for (AddedTokens.Match m : added.find(text, recognizeSpecial)) {
            encodeOrdinary(text.substring(pos, m.start()), out);
            out.add(m.id());
            pos = m.end();
        }
        encodeOrdinary(pos == 0 ? text : text.substring(pos), out);
        return out.toArray();
    }

    /** Same as {@code encode(text, true)}: special tokens in the text are recognised, as in HF. */
    public int[] encode(String text) {
        return encode(text, true);
    }

    private void encodeOrdinary(String text, IntList out) {
        if (!text.isEmpty()) preTokenizer.split(text, word -> out.addAll(encodeWord(word)));
    }

    private int[] encodeWord(String word) {
        int[] cached = cache.get(word);
        if (cached != null) return cached;
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        int[] ids = null;
        if (ignoreMerges) {
            // Llama 3: a word that is itself a vocabulary entry is that entry, whatever the merges would give
            int whole = vocab.get(ByteAlphabet.spell(bytes, 0, bytes.length));
            if (whole >= 0) ids = new int[] {whole};
        }
        if (ids == null) {
            int[] symbols = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[i] = byteIds[bytes[i] & 0xFF];
                if (symbols[i] < 0) {
                    throw new BadInputException(source + ": model.vocab has no entry for byte 0x"
                            + Integer.toHexString(bytes[i] & 0xFF) + ", needed to encode \"" + word + "\"");
                }
            }
            ids = BpeMerger.merge(symbols, merges);
        }
        if (cache.size() < CACHE_CAPACITY) cache.put(word, ids);
        return ids;
    }

    /** Text of {@code ids} with special tokens kept as their text, e.g. {@code <|eot_id|>}. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * Text of {@code ids}: the bytes of all tokens joined, then read as UTF-8 with U+FFFD for broken
     * sequences (so a character split over two ids decodes whole). No clean-up of spaces.
     */
    public String decode(int[] ids, boolean skipSpecial) {
        ByteList bytes = new ByteList(ids.length * 4);
        for (int id : ids) {
            if (!(skipSpecial && isSpecial(id))) bytes.add(bytes(id));
        }
        return Utf8.decode(bytes.array(), bytes.size());
    }

    /** A decoder for one generation that hands out text as soon as it is whole; see {@link StreamingDecoder}. */
    public StreamingDecoder streamingDecoder(boolean skipSpecial) {
        return new StreamingDecoder(this, skipSpecial);
    }

    /** Id of a token given in its vocabulary spelling (e.g. {@code <|image|>}, {@code Ġthe}). */
    public OptionalInt id(String token) {
        OptionalInt addedId = added.id(token);
        if (addedId.isPresent()) return addedId;
        int id = vocab.get(token);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Like {@link #id} but a missing token is an error that names this tokenizer.json. */
    public int requireId(String token) {
        return id(token).orElseThrow(() -> new BadInputException(source + ": has no token \"" + token + "\""));
    }

    /** The token's vocabulary spelling (byte alphabet, e.g. "Ġthe"); special tokens as their text. */
    public String token(int id) {
        checkId(id);
        return tokens[id] == null ? "" : tokens[id];
    }

    /** Number of ids, i.e. the largest id + 1 (128257 for Llama 3.2 Vision: 128000 BPE + 257 added). */
    public int size() {
        return tokens.length;
    }

    /** True for added tokens flagged special ({@code <|begin_of_text|>} .. {@code <|image|>}). */
    public boolean isSpecial(int id) {
        checkId(id);
        return special[id];
    }

    /** The bytes token {@code id} stands for. Shared array: callers must not modify it. */
    byte[] bytes(int id) {
        checkId(id);
        return tokenBytes[id];
    }

    /** Ids come from outside too (a --messages replay, a saved conversation): refuse a bad one clearly. */
    private void checkId(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new BadInputException(source + ": token id " + id + " is outside 0.." + (tokens.length - 1));
        }
    }

    /** Growable int array, to collect ids without boxing. */
    private static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[capacity];
        }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        void addAll(int[] vs) {
            if (n + vs.length > a.length) a = Arrays.copyOf(a, Math.max(n * 2, n + vs.length));
            System.arraycopy(vs, 0, a, n, vs.length);
            n += vs.length;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
