package dev.tessera.vision.image;

import dev.tessera.vision.preprocess.MllamaImageProcessor;
import dev.tessera.vision.preprocess.PreprocessorConfig;
import dev.tessera.vision.preprocess.ProcessedImage;

import java.nio.file.Path;

/**
 * Run in a JVM with a small heap by {@link SubsamplingTest}: decodes and preprocesses one file and prints
 * what came out, so the test sees whether it fitted.
 */
public final class HugeImageProbe {
    private HugeImageProbe() {
    }

    public static void main(String[] args) {
        DecodedImage image = ImageDecoder.decode(Path.of(args[0]));
        PreprocessorConfig real = new PreprocessorConfig(560, 4, new double[]{0.48145466, 0.4578275, 0.40821073},
                new double[]{0.26862954, 0.26130258, 0.27577711}, 1 / 255.0);
        ProcessedImage processed = new MllamaImageProcessor(real).process(image);
        System.out.printf("decoded %dx%d subsampling %d mode %s corners %06x %06x %06x %06x resized %dx%d heap %d MB%n",
                image.width(), image.height(), image.subsampling(), image.mode(), image.rgbAt(0, 0),
                image.rgbAt(image.width() - 1, 0), image.rgbAt(0, image.height() - 1),
                image.rgbAt(image.width() - 1, image.height() - 1), processed.resizedWidth(), processed.resizedHeight(),
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
