package dev.tessera.desktop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javax.imageio.ImageIO;

/**
 * Saves a scene snapshot as PNG in {@code desktop/target/screenshots/} (system property {@code tessera.screenshots});
 * the README's copies in {@code docs/screenshots/} are refreshed from there.
 */
public final class Screenshots {
    private Screenshots() {}

    private static boolean imagesLoaded(javafx.scene.Node n) {
        if (n instanceof javafx.scene.image.ImageView iv && iv.getImage() != null && iv.getImage().getProgress() < 1) return false;
        if (n instanceof javafx.scene.Parent p) {
            for (var c : p.getChildrenUnmodifiable()) if (!imagesLoaded(c)) return false;
        }
        return true;
    }

    public static Path dir() {
        return Path.of(System.getProperty("tessera.screenshots", "target/screenshots"));
    }

    public static Path save(Scene scene, String name) {
        Fx.await("images loaded for " + name, () -> imagesLoaded(scene.getRoot()));
        var image = Fx.call(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        try {
            Path out = dir().resolve(name + ".png");
            Files.createDirectories(out.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
