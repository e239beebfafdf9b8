package dev.tessera.vision.image;

import dev.tessera.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Format detection from leading bytes. */
class ImageFormatTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[Math.max(values.length, 16)];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void supportedSignatures() {
        assertEquals(ImageFormat.JPEG, ImageFormat.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0), "f"));
        assertEquals(ImageFormat.PNG, ImageFormat.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), "f"));
        assertEquals(ImageFormat.GIF, ImageFormat.detect(ascii("GIF89a.........."), "f"));
        assertEquals(ImageFormat.GIF, ImageFormat.detect(ascii("GIF87a.........."), "f"));
        assertEquals(ImageFormat.BMP, ImageFormat.detect(ascii("BM..............."), "f"));
        assertEquals(ImageFormat.TIFF, ImageFormat.detect(bytes('I', 'I', 42, 0), "f"));
        assertEquals(ImageFormat.TIFF, ImageFormat.detect(bytes('M', 'M', 0, 42), "f"));
        assertEquals(ImageFormat.TIFF, ImageFormat.detect(bytes('I', 'I', 43, 0), "f")); // BigTIFF
        assertEquals(ImageFormat.WEBP, ImageFormat.detect(ascii("RIFF....WEBPVP8 "), "f"));
    }

    @Test
    void unsupportedFormatsAreNamed() {
        assertName("SVG", ascii("\n  <svg width='1'/>"));
        assertName("SVG", ascii("\u00EF\u00BB\u00BF<?xml version='1.0'?><!-- x --><svg/>"));
        assertName("AVIF", ascii("\0\0\0\u0018ftypavif\0\0\0\0mif1"));
        assertName("HEIC", ascii("\0\0\0\u0018ftypheix\0\0\0\0mif1"));
        assertName("HEIF", ascii("\0\0\0\u0010ftypmif1\0\0\0\0"));
        assertName("JPEG XL", bytes(0xFF, 0x0A, 0x12));
        assertName("JPEG 2000", bytes(0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A));
        assertName("Photoshop PSD", ascii("8BPS\0\u0001......."));
    }

    @Test
    void isImageCountsUnreadableImageFormatsButNotText() {
        org.junit.jupiter.api.Assertions.assertTrue(ImageFormat.isImage(bytes(0xFF, 0xD8, 0xFF, 0xE0)));
        org.junit.jupiter.api.Assertions.assertTrue(ImageFormat.isImage(ascii("\0\0\0\u0018ftypheic\0\0\0\0heicmif1")));
        org.junit.jupiter.api.Assertions.assertTrue(ImageFormat.isImage(ascii("<svg xmlns='http://www.w3.org/2000/svg'/>")));
        org.junit.jupiter.api.Assertions.assertFalse(ImageFormat.isImage(ascii("{\"path\": \"a.jpg\"}\n")));
        org.junit.jupiter.api.Assertions.assertFalse(ImageFormat.isImage(ascii("%PDF-1.7 ...")));
        org.junit.jupiter.api.Assertions.assertFalse(ImageFormat.isImage(ascii("\0\0\0\u0018ftypmp42\0\0\0\0isommp42")));
        org.junit.jupiter.api.Assertions.assertFalse(ImageFormat.isImage(new byte[0]));
    }

    private static void assertName(String name, byte[] head) {
        BadInputException e = assertThrows(BadInputException.class, () -> ImageFormat.detect(head, "x.img"));
        assertEquals("x.img: unsupported image format (" + name + "); supported: " + ImageFormat.SUPPORTED, e.getMessage());
    }
}
