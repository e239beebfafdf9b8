package dev.tessera.mllama;

/** How the preprocessor laid out one image: original size, canvas, resize and tile grid. */
public record ImageInfo(String file, int originalHeight, int originalWidth, int canvasHeight, int canvasWidth,
                        int resizedHeight, int resizedWidth, int rows, int cols, int aspectRatioId, int[] aspectRatioMask,
                        boolean cached, double encodeMs) {}
