package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Photo folders for the {@code tessera caption} process tests, and checks on what a batch left behind. */
final class CaptionFiles {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String DC = "http://purl.org/dc/elements/1.1/";

    private CaptionFiles() {}

    /** A noise picture, distinct per seed (so distinct content hashes), as "png" or "jpg". */
    static Path image(Path file, String format, int width, int height, long seed) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) throw new IOException("no ImageIO writer for " + format);
        return file;
    }

    /**
     * SHA-256 of the bytes plus the modification time of every regular file under {@code dir} (sidecars and
     * results excluded by the caller's choice of folder), to prove a batch only read the photos.
     */
    static Map<Path, String> fingerprint(Path dir, String... skipSuffixes) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (Stream.of(skipSuffixes).anyMatch(name::endsWith)) continue;
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(f, HexFormat.of().formatHex(sha) + " " + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return out;
    }

    /** The number of complete (newline-ended) records in a JSONL file; 0 when there is no file yet. */
    static int completeLines(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        int n = 0;
        for (byte b : Files.readAllBytes(file)) if (b == '\n') n++;
        return n;
    }

    /** Every line of a JSONL results file, each of which must be a JSON object, and the file ends with a newline. */
    static List<JsonNode> rows(Path jsonl) throws IOException {
        byte[] bytes = Files.readAllBytes(jsonl);
        assertTrue(bytes.length > 0 && bytes[bytes.length - 1] == '\n', jsonl + " ends with a complete line");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            JsonNode row = JSON.readTree(line);
            assertTrue(row.isObject(), "a JSON object: " + line);
            rows.add(row);
        }
        return rows;
    }

    /** Parses an XMP sidecar (well-formed XML, no DTD) and returns its x-default dc:description. */
    static String xmpDescription(Path xmp) throws Exception {
        Document doc = parse(xmp);
        NodeList descriptions = doc.getElementsByTagNameNS(DC, "description");
        assertEquals(1, descriptions.getLength(), xmp + " has one dc:description");
        NodeList items = ((Element) descriptions.item(0)).getElementsByTagNameNS(RDF, "li");
        for (int i = 0; i < items.getLength(); i++) {
            Element li = (Element) items.item(i);
            if ("x-default".equals(li.getAttributeNS(XMLConstants.XML_NS_URI, "lang"))) return li.getTextContent();
        }
        throw new AssertionError(xmp + " has no x-default description");
    }

    static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(xml.toFile());
    }
}
