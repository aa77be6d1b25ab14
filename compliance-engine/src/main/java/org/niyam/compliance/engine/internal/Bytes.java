package org.niyam.compliance.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Values as bytes in an array, for the engine's work files: fixed-width numbers, texts as UTF-8. Not API. */
final class Bytes {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    /** Writes into a growing array. */
    static class Out {
        private byte[] buffer;
        private int length;

        Out(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        private void room(int bytes) {
            if (length + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
            }
        }

        void writeByte(int value) {
            room(1);
            buffer[length++] = (byte) value;
        }

        void writeInt(int value) {
            room(4);
            INT.set(buffer, length, value);
            length += 4;
        }

        void writeLong(long value) {
            room(8);
            LONG.set(buffer, length, value);
            length += 8;
        }

        /** Its length and UTF-8 bytes; -1 for null. */
        void text(String text) {
            if (text == null) {
                writeInt(-1);
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            writeInt(bytes.length);
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        /** The instant, its nanoseconds and its offset: the same {@code OffsetDateTime} back. */
        void instant(OffsetDateTime at) {
            if (at == null) {
                writeByte(0);
                return;
            }
            writeByte(1);
            writeLong(at.toEpochSecond());
            writeInt(at.getNano());
            writeInt(at.getOffset().getTotalSeconds());
        }

        int length() {
            return length;
        }

        byte[] array() {
            return buffer;
        }

        void clear() {
            length = 0;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }

    /** Reads what an {@link Out} wrote. */
    static class In {
        private final byte[] bytes;
        private final int end;
        private int position;

        In(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        In(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.position = from;
            this.end = to;
        }

        boolean more() {
            return position < end;
        }

        byte readByte() {
            return bytes[position++];
        }

        int readInt() {
            int value = (int) INT.get(bytes, position);
            position += 4;
            return value;
        }

        long readLong() {
            long value = (long) LONG.get(bytes, position);
            position += 8;
            return value;
        }

        String text() {
            int size = readInt();
            if (size == -1) {
                return null;
            }
            String text = new String(bytes, position, size, StandardCharsets.UTF_8);
            position += size;
            return text;
        }

        OffsetDateTime instant() {
            if (readByte() == 0) {
                return null;
            }
            long seconds = readLong();
            int nanos = readInt();
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(readInt()); // cached by ZoneOffset for whole quarter hours
            // Not ofInstant, which asks the offset for its rules and so builds them anew every time.
            return OffsetDateTime.of(LocalDateTime.ofEpochSecond(seconds, nanos, offset), offset);
        }

        int position() {
            return position;
        }

        void skip(int count) {
            position += count;
        }
    }
}
