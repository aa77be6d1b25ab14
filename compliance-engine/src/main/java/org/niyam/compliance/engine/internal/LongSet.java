package org.niyam.compliance.engine.internal;

/**
 * A set of 64-bit hashes in one array, open addressing with linear probing: 11 to 21 bytes per member where a
 * {@code HashSet<String>} of ids would take about 100. Not thread-safe. Not API.
 */
public final class LongSet {

    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 10];
    private int size;

    /** A 64-bit hash of the text (FNV-1a over its chars, then a finaliser to spread the bits). Never 0. */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    /** Adds a hash from {@link #hash}; returns false when it was there already. */
    public boolean add(long value) {
        if (value == EMPTY) {
            throw new IllegalArgumentException("0 is not a hash of this set");
        }
        if (size * 4L >= slots.length * 3L) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) value & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long value : old) {
            if (value != EMPTY) {
                int i = (int) value & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = value;
            }
        }
    }
}
