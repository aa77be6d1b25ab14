package org.niyam.compliance.engine.internal;

import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;

/**
 * One event in an audit's bucket file: its place in the input, the hash of its id, and the event, encoded by
 * {@link EventCodec} or, for a class the codec cannot encode, as its JSON text. Not API; not a storage format.
 */
public final class BucketRecord {

    private static final byte ENCODED = 0;
    private static final byte TEXT = 1;

    private BucketRecord() {
    }

    /** Encodes records into one reusable buffer. Not thread-safe. */
    public static final class Writer {
        private final Bytes.Out out = new Bytes.Out(512);

        /** The record's bytes, valid until the next call; {@link #length()} of them. */
        public byte[] encode(long place, long idHash, CaseEvent event, String text) {
            out.clear();
            out.writeLong(place);
            out.writeLong(idHash);
            out.writeInt(0); // the body's length, set below
            int start = out.length();
            if (EventCodec.encodable(event)) {
                out.writeByte(ENCODED);
                EventCodec.write(out, event);
            } else {
                out.writeByte(TEXT);
                out.text(text);
            }
            int body = out.length() - start;
            byte[] bytes = out.array();
            bytes[start - 4] = (byte) (body >>> 24);
            bytes[start - 3] = (byte) (body >>> 16);
            bytes[start - 2] = (byte) (body >>> 8);
            bytes[start - 1] = (byte) body;
            return bytes;
        }

        public int length() {
            return out.length();
        }
    }

    /** A record as read: the event is decoded only when asked for. */
    public interface Entry {
        CaseEvent event();
    }

    @FunctionalInterface
    public interface Consumer {
        void accept(long place, long idHash, Entry entry);
    }

    /** Hands every record of a bucket file's bytes to the consumer, in the order written. */
    public static void read(byte[] bytes, Consumer consumer) {
        read(bytes, CaseLogReader.lenient(), consumer);
    }

    /** As {@link #read(byte[], Consumer)}; an event kept as JSON is bound again by {@code reader}. */
    public static void read(byte[] bytes, CaseLogReader reader, Consumer consumer) {
        Bytes.In in = new Bytes.In(bytes);
        while (in.more()) {
            long place = in.readLong();
            long idHash = in.readLong();
            int body = in.readInt();
            int start = in.position();
            Bytes.In record = new Bytes.In(bytes, start, start + body);
            consumer.accept(place, idHash, () -> record.readByte() == ENCODED ? EventCodec.read(record)
                    : reader.eventFrom("event", 0, record.text()));
            in.skip(body);
        }
    }
}
