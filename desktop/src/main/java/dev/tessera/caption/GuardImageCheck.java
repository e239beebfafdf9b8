package dev.tessera.caption;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.guard.GuardResult;
import dev.tessera.guard.GuardSettings;
import dev.tessera.guard.LazyGuard;
import dev.tessera.vision.image.DecodedImage;
import dev.tessera.mllama.SourceImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Llama Guard 3 Vision as the batch's {@link ImageCheck}: each picture, already decoded for captioning, is
 * classified as a user turn asking for its caption. Anything but a clear {@code safe} refuses the image
 * (fail closed); a guard that cannot load refuses every image with the reason instead of captioning unchecked.
 */
public final class GuardImageCheck implements ImageCheck {
    static final String REQUEST = "Write a caption for this photo.";
    private final LazyGuard guard;

    GuardImageCheck(Path dir) {
        guard = new LazyGuard(dir, GuardSettings.defaults(), false);
    }

    @Override
    public Verdict check(Path file, DecodedImage image, Cancellation cancel) {
        ChatMessage turn = ChatMessage.of("user", new ContentPart.Image(null), new ContentPart.Text(REQUEST));
        GuardResult r = guard.check(List.of(turn), List.of(SourceImage.of(image, file.getFileName().toString())), cancel);
        if (cancel != null) cancel.throwIfCancelled();
        var v = r.verdict();
        return new Verdict(v.isSafe(), v.summary());
    }

    @Override
    public void close() {
        guard.close();
    }

    /** Registered in META-INF/services: any model folder (the guard itself says clearly if it is not Llama Guard 3). */
    public static final class Provider implements ImageCheck.Provider {
        @Override
        public boolean accepts(Path dir) {
            return Files.isRegularFile(dir.resolve("config.json")) && Checkpoint.looksLikeCheckpoint(dir);
        }

        @Override
        public ImageCheck open(Path dir) {
            return new GuardImageCheck(dir);
        }
    }
}
