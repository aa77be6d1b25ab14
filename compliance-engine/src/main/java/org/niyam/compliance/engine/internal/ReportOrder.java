package org.niyam.compliance.engine.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.niyam.compliance.model.Obligation;

/**
 * Report order of obligations, the order of {@link Evaluation#REPORT_ORDER}, computed with as little work per
 * obligation as that order allows: {@link #sort} ranks each distinct case once and sorts numbers, and
 * {@link #OBLIGATIONS} compares without a chain of comparators. Not API.
 */
final class ReportOrder {

    /** Runs of one case up to this length are sorted by insertion, longer ones by {@code Arrays.sort}. */
    private static final int INSERTION = 12;

    /** The platform's obligations (no case) first, then by case id, trigger instant and id. */
    static final Comparator<Obligation> OBLIGATIONS = ReportOrder::compare;

    /** Within one case (or the platform's): by trigger instant, then id. */
    static final Comparator<Obligation> WITHIN_CASE = ReportOrder::withinCase;

    private ReportOrder() {
    }

    static int compare(Obligation a, Obligation b) {
        String x = a.caseId();
        String y = b.caseId();
        if (x != y) {
            if (x == null) {
                return -1;
            }
            if (y == null) {
                return 1;
            }
            int byCase = x.compareTo(y);
            if (byCase != 0) {
                return byCase;
            }
        }
        return withinCase(a, b);
    }

    static int withinCase(Obligation a, Obligation b) {
        int byInstant = Evaluation.instantOrder(a.triggeredAt(), b.triggeredAt());
        return byInstant != 0 ? byInstant : a.id().compareTo(b.id());
    }

    /**
     * Sorts in report order, stably (equal obligations keep their order), as {@code list.sort(REPORT_ORDER)}
     * would. Each distinct case id is found once in a table and ranked by one sort of the distinct ids; then the
     * obligations are ordered by (rank, place) as numbers, and each case's few obligations by trigger instant and
     * id. Comparing case ids for every pair of obligations, or a list per case, cost several times more.
     */
    static void sort(List<Obligation> obligations) {
        int n = obligations.size();
        if (n < 2) {
            return;
        }
        if (n > 1 << 28) { // beyond the table's size
            obligations.sort(OBLIGATIONS);
            return;
        }
        Obligation[] items = obligations.toArray(new Obligation[0]);
        int capacity = Integer.highestOneBit(n) << 2; // at least 2n, a power of two
        int mask = capacity - 1;
        int[] slots = new int[capacity]; // 1 + the index of the distinct case id, 0 for an empty slot
        String[] cases = new String[n];
        int[] caseOf = new int[n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            String id = items[i].caseId();
            if (id == null) {
                caseOf[i] = -1;
                continue;
            }
            int slot = spread(id.hashCode()) & mask;
            while (true) {
                int held = slots[slot];
                if (held == 0) {
                    cases[distinct] = id;
                    slots[slot] = ++distinct;
                    caseOf[i] = distinct - 1;
                    break;
                }
                String other = cases[held - 1];
                if (other == id || other.equals(id)) {
                    caseOf[i] = held - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        // The rank of each distinct case among the others, 1 up (0 is the platform's).
        int[] rank = new int[distinct];
        if (distinct > 1) {
            String[] sorted = Arrays.copyOf(cases, distinct);
            Arrays.sort(sorted);
            for (int r = 0; r < distinct; r++) {
                String id = sorted[r];
                int slot = spread(id.hashCode()) & mask;
                while (!cases[slots[slot] - 1].equals(id)) {
                    slot = (slot + 1) & mask;
                }
                rank[slots[slot] - 1] = r + 1;
            }
        } else if (distinct == 1) {
            rank[0] = 1;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (caseOf[i] < 0 ? 0L : (long) rank[caseOf[i]] << 32) | i;
        }
        Arrays.sort(keys);
        Obligation[] ordered = new Obligation[n];
        for (int i = 0; i < n; i++) {
            ordered[i] = items[(int) keys[i]];
        }
        for (int from = 0; from < n; ) {
            long group = keys[from] >>> 32;
            int to = from + 1;
            while (to < n && keys[to] >>> 32 == group) {
                to++;
            }
            if (to - from > INSERTION) {
                Arrays.sort(ordered, from, to, WITHIN_CASE); // stable
            } else if (to - from > 1) {
                insertionSort(ordered, from, to);
            }
            from = to;
        }
        for (int i = 0; i < n; i++) {
            obligations.set(i, ordered[i]);
        }
    }

    /** Stable: an obligation moves only past greater ones. */
    private static void insertionSort(Obligation[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            Obligation item = a[i];
            int j = i - 1;
            while (j >= from && withinCase(a[j], item) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = item;
        }
    }

    /** String hashes of similar ids differ in their low bits little: spread the high ones down. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
