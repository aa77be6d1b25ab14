package org.niyam.compliance.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;

/**
 * Merges parts of a report, each already in report order, into one report order: every obligation in
 * {@link Evaluation#REPORT_ORDER}, then every finding in {@link Evaluation#FINDING_ORDER}, as {@code evaluate}
 * gives them. A part is a report in memory (the platform's)
 * or a {@link ReportFile} (a bucket's), read sequentially: memory holds one obligation or finding per part. Between
 * equal items the earlier part comes first, as a stable sort of the parts one after the other would give.
 *
 * <p>At most {@code fanIn} files are open at once: with more parts, groups of them are first merged into
 * intermediate report files, and those merged in turn. Not API.
 */
public final class ReportMerge {

    /** Files open at once, at most: an audit has up to 4,096 buckets, an operating system a limit on open files. */
    public static final int FAN_IN = 128;

    private ReportMerge() {
    }

    /**
     * Gives the obligations, then the findings, of the report in memory and of every file, in report order.
     * Intermediate files go to {@code work}; the files given are left in place.
     */
    public static void merge(Report first, List<Path> files, Path work, int fanIn, Consumer<Obligation> obligations,
                             Consumer<Finding> findings) {
        if (fanIn < 2) {
            throw new IllegalArgumentException("fanIn must be at least 2: " + fanIn);
        }
        List<Path> parts = new ArrayList<>(files);
        int round = 0;
        while (parts.size() + 1 > fanIn) {
            List<Path> merged = new ArrayList<>();
            for (int from = 0; from < parts.size(); from += fanIn) {
                List<Path> group = parts.subList(from, Math.min(parts.size(), from + fanIn));
                Path target = work.resolve("merged-" + round + "-" + merged.size() + ".bin");
                mergeInto(group, target);
                if (round > 0) {
                    group.forEach(ReportMerge::delete);
                }
                merged.add(target);
            }
            parts = merged;
            round++;
        }
        List<Source> sources = new ArrayList<>(parts.size() + 1);
        sources.add(new InMemory(first));
        try {
            parts.forEach(file -> sources.add(new FromFile(new ReportFile.Reader(file))));
            mergeSources(sources, obligations, findings);
        } finally {
            sources.forEach(Source::close);
            if (round > 0) {
                parts.forEach(ReportMerge::delete);
            }
        }
    }

    /** Merges report files into one, in report order. */
    private static void mergeInto(List<Path> group, Path target) {
        List<Source> sources = new ArrayList<>(group.size());
        try {
            long obligations = 0;
            for (Path file : group) {
                ReportFile.Reader reader = new ReportFile.Reader(file);
                sources.add(new FromFile(reader));
                obligations += reader.obligations();
            }
            try (ReportFile.Writer writer = new ReportFile.Writer(target,
                    ((FromFile) sources.get(0)).reader.asOf(), obligations)) {
                mergeObligations(sources, writer::obligation);
                long findings = 0;
                for (Source source : sources) {
                    findings += ((FromFile) source).findingCount();
                }
                writer.findings(findings);
                mergeFindings(sources, writer::finding);
            }
        } finally {
            sources.forEach(Source::close);
        }
    }

    private static void mergeSources(List<Source> sources, Consumer<Obligation> obligations,
                                     Consumer<Finding> findings) {
        mergeObligations(sources, obligations);
        mergeFindings(sources, findings);
    }

    private static void mergeObligations(List<Source> sources, Consumer<Obligation> sink) {
        merge(sources, Source::nextObligation, ReportOrder.OBLIGATIONS, sink);
    }

    private static void mergeFindings(List<Source> sources, Consumer<Finding> sink) {
        merge(sources, Source::nextFinding, Evaluation.FINDING_ORDER, sink);
    }

    private interface Next<T> {
        T from(Source source);
    }

    /**
     * The k-way merge: the least head of all parts, ties to the earlier part. A part whose items keep coming before
     * every other part's head (one case's obligations, a bucket's consecutive cases) is delivered from without going
     * back into the heap: one comparison per item, against the least of the other parts, rather than a heap's
     * removal and insertion.
     */
    private static <T> void merge(List<Source> sources, Next<T> next, Comparator<? super T> order, Consumer<T> sink) {
        int parts = sources.size();
        Object[] heads = new Object[parts];
        Heap<T> others = new Heap<>(parts, heads, order);
        for (int i = 0; i < parts; i++) {
            T item = next.from(sources.get(i));
            if (item != null) {
                heads[i] = item;
                others.add(i);
            }
        }
        while (!others.isEmpty()) {
            int part = others.poll();
            Source source = sources.get(part);
            @SuppressWarnings("unchecked")
            T item = (T) heads[part];
            while (true) {
                sink.accept(item);
                item = next.from(source);
                if (item == null) {
                    heads[part] = null;
                    break;
                }
                if (!others.isEmpty() && !others.before(item, part, others.peek())) {
                    heads[part] = item;
                    others.add(part);
                    break;
                }
            }
        }
    }

    /** A binary heap of parts ordered by their heads, then by their place: the earlier part first among equals. */
    private static final class Heap<T> {
        private final int[] parts;
        private final Object[] heads;
        private final Comparator<? super T> order;
        private int size;

        Heap(int capacity, Object[] heads, Comparator<? super T> order) {
            this.parts = new int[Math.max(1, capacity)];
            this.heads = heads;
            this.order = order;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int peek() {
            return parts[0];
        }

        @SuppressWarnings("unchecked")
        boolean before(T item, int part, int other) {
            int c = order.compare(item, (T) heads[other]);
            return c < 0 || c == 0 && part < other;
        }

        @SuppressWarnings("unchecked")
        private boolean before(int part, int other) {
            return before((T) heads[part], part, other);
        }

        void add(int part) {
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!before(part, parts[parent])) {
                    break;
                }
                parts[at] = parts[parent];
                at = parent;
            }
            parts[at] = part;
        }

        int poll() {
            int first = parts[0];
            int last = parts[--size];
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(parts[child + 1], parts[child])) {
                    child++;
                }
                if (!before(parts[child], last)) {
                    break;
                }
                parts[at] = parts[child];
                at = child;
            }
            parts[at] = last;
            return first;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** A part read in order: its obligations, then its findings. */
    private interface Source {
        Obligation nextObligation();

        Finding nextFinding();

        default void close() {
        }
    }

    private static final class InMemory implements Source {
        private final Iterator<Obligation> obligations;
        private final Iterator<Finding> findings;

        InMemory(Report report) {
            this.obligations = report.obligations().iterator();
            this.findings = report.findings().iterator();
        }

        @Override
        public Obligation nextObligation() {
            return obligations.hasNext() ? obligations.next() : null;
        }

        @Override
        public Finding nextFinding() {
            return findings.hasNext() ? findings.next() : null;
        }
    }

    private static final class FromFile implements Source {
        private final ReportFile.Reader reader;

        FromFile(ReportFile.Reader reader) {
            this.reader = reader;
        }

        @Override
        public Obligation nextObligation() {
            return reader.nextObligation();
        }

        /** The number of findings, known once the obligations are read. */
        long findingCount() {
            return reader.findingCount();
        }

        @Override
        public Finding nextFinding() {
            return reader.nextFinding();
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
