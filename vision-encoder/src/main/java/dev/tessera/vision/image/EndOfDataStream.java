package dev.tessera.vision.image;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import javax.imageio.stream.FileImageInputStream;

/**
 * A file stream that stops a reader which keeps decoding past the end of its data. The WebP lossless reader's
 * bit reader, at the end of its input, tries {@code readLong()} before every symbol, catches the EOFException
 * and goes on with bits that are not in the file: a 37-byte file declaring 4229x513 pixels (found by
 * ImageDecoderFuzzTest) took minutes, one exception and one seek per symbol, and came out as invented pixels.
 * A whole file meets the end only for the symbols of its last 8 bytes (about 180 times for the test images,
 * whatever their size); after {@link #MAX_ENDS} the data is missing, and the error says so. Each end costs one
 * preallocated exception without a stack trace.
 */
final class EndOfDataStream extends FileImageInputStream {
    static final int MAX_ENDS = 1 << 16;

    private static final EOFException END = new EOFException("end of file") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // shared and thrown often: a stack trace would cost more than the read
        }
    };

    private final long length;
    private int ends;

    EndOfDataStream(File file) throws IOException {
        super(file);
        this.length = file.length();
    }

    @Override
    public long readLong() throws IOException {
        if (getStreamPosition() + 8 > length) throw end();
        return super.readLong();
    }

    @Override
    public int readInt() throws IOException {
        if (getStreamPosition() + 4 > length) throw end();
        return super.readInt();
    }

    @Override
    public byte readByte() throws IOException {
        if (getStreamPosition() >= length) throw end();
        return super.readByte();
    }

    private IOException end() {
        // not an EOFException: the reader would swallow that one too
        if (++ends > MAX_ENDS) return new IOException("the data ends before the image does");
        return END;
    }
}
