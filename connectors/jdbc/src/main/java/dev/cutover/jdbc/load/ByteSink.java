package dev.cutover.jdbc.load;

import java.util.Arrays;

/**
 * Bytes gathered for a {@code COPY ... FROM STDIN}, handed on in slices of about
 * {@code sliceBytes} so memory stays bounded whatever a chunk's size. Not thread-safe.
 */
final class ByteSink {

    /** Receives a full slice. */
    @FunctionalInterface
    interface Drain {
        void accept(byte[] bytes, int length) throws Exception;
    }

    private final int sliceBytes;
    private final Drain drain;
    private byte[] buffer;
    private int length;

    ByteSink(int sliceBytes, Drain drain) {
        this.sliceBytes = sliceBytes;
        this.drain = drain;
        this.buffer = new byte[sliceBytes + 8192];
    }

    void write(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    void write(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** Drains the bytes gathered when they fill a slice. */
    void flushIfFull() throws Exception {
        if (length >= sliceBytes) {
            flush();
        }
    }

    /** Drains whatever was gathered. */
    void flush() throws Exception {
        if (length > 0) {
            drain.accept(buffer, length);
            length = 0;
        }
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
