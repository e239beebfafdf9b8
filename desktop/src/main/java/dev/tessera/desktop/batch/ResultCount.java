package dev.tessera.desktop.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.caption.ImageFinder;
import dev.tessera.desktop.engine.CaptionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How far an unfinished batch got: the images its folders hold now, and how many of them have a row in its results
 * file. Read-only (the batch itself repairs a torn last line when it resumes); a CSV file counts its data lines.
 */
public record ResultCount(int images, int done) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public boolean unfinished() {
        return done < images;
    }

    public static ResultCount of(CaptionRequest r) throws IOException {
        List<Path> images = ImageFinder.find(r.folders(), r.recursive()).images();
        if (!Files.isRegularFile(r.out())) return new ResultCount(images.size(), 0);
        Set<String> paths = new HashSet<>();
        int csvRows = 0;
        boolean csv = r.out().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        for (String line : Files.readAllLines(r.out())) {
            if (line.isBlank()) continue;
            if (csv) {
                csvRows++;
                continue;
            }
            try {
                JsonNode row = JSON.readTree(line);
                if (row.hasNonNull("path")) paths.add(row.get("path").asText());
            } catch (IOException tornLastLine) {
                // a line cut short by a crash: not an image done
            }
        }
        Set<String> wanted = new HashSet<>();
        images.forEach(p -> wanted.add(p.toString()));
        int done = csv ? Math.max(0, csvRows - 1) : (int) paths.stream().filter(wanted::contains).count();
        return new ResultCount(images.size(), Math.min(done, images.size()));
    }
}
