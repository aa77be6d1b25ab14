package org.niyam.compliance.flink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which events the cases' operator evaluates, decided before it, as {@code niyam audit} decides which lines it keeps:
 * an event that states another jurisdiction than its case's ({@link Cases}, keyed by case, first: a case's events
 * come in the order of their source partition) and an event whose id a different event already has, in its case or in
 * another ({@link Ids}, keyed by event id). Flink gives no file order across partitions: of two jurisdictions of a
 * case, or two events under one id, the one that reaches the operator first is kept (within a case read from one file
 * or partition, the first in it). A refused event is logged at WARN, counted in {@code niyamRejectedLines} and
 * changes nothing; with {@code --strict} it fails the job. The marks of the input's first and last instants are taken
 * from the events admitted, so that a refused event moves neither.
 */
final class Admission {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private Admission() {
    }

    /** The JSON of the options' event types, read from the packs' descriptors as the parsers read them. */
    private static Json json(JobOptions options, ClassLoader loader) {
        return Json.of(Engines.eventTypes(options.rules(), options.packFiles(), loader));
    }

    /** Refuses the event, as a bad line: logged and counted, or in a strict job the failure of the job. */
    private static void refuse(InputException problem, JobOptions options, Counter rejected) {
        if (options.strict()) {
            throw Unrecoverable.of(problem);
        }
        rejected.inc();
        LOG.warn("{} (line left out)", problem.getMessage());
    }

    /**
     * What is kept of the first event under an id.
     *
     * @param caseId its case
     * @param at     its instant, as written
     * @param digest the SHA-256 of its JSON as read (under the job's event types), Base64
     */
    record Used(String caseId, String at, String digest) {
    }

    /**
     * Keyed by event id: the first event under an id is kept, an equal copy passes (its case drops it as delivered
     * again), a different event under the id is refused. What is kept is about 100 bytes an id, for the job's life.
     * Each task sends a {@link Input#MARK} when an event it admits moves the earliest or latest instant it admitted.
     */
    static final class Ids extends KeyedProcessFunction<String, Input, Input> {
        private static final long serialVersionUID = 1L;
        static final ValueStateDescriptor<byte[]> STATE = new ValueStateDescriptor<>("event-id",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

        private final JobOptions options;
        private transient Json json;
        private transient ValueState<byte[]> used;
        private transient Counter rejected;
        /** The earliest and latest instants this task admitted (a restored task starts again; marks only widen). */
        private transient long earliest;
        private transient long latest;

        Ids(JobOptions options) {
            this.options = options;
        }

        @Override
        public void open(OpenContext openContext) {
            json = json(options, getRuntimeContext().getUserCodeClassLoader());
            used = getRuntimeContext().getState(STATE);
            rejected = getRuntimeContext().getMetricGroup().counter(ComplianceJob.REJECTED_LINES);
            earliest = Long.MAX_VALUE;
            latest = Long.MIN_VALUE;
        }

        @Override
        public void processElement(Input in, Context ctx, Collector<Input> out) throws Exception {
            CaseEvent event = json.read(in.json, CaseEvent.class);
            String digest = digest(json.text(event));
            byte[] bytes = used.value();
            if (bytes == null) {
                used.update(json.bytes(new Used(event.caseId(), event.at().toString(), digest)));
                admit(in, out);
                return;
            }
            Used first = json.read(bytes, Used.class);
            if (first.digest().equals(digest)) {
                out.collect(in); // delivered again: its case drops it, and counts it
                return;
            }
            refuse(new InputException("input", 0, "id", "event id '" + event.id() + "' of case '" + event.caseId()
                    + "' at " + event.at() + " was already used by a different event (of case '" + first.caseId()
                    + "', at " + first.at() + "); the first to reach the job is kept", null), options, rejected);
        }

        /** Sends the event on, and a mark when it moves the earliest or latest instant this task admitted. */
        private void admit(Input in, Collector<Input> out) {
            out.collect(in);
            if (in.at < earliest || in.at > latest) {
                earliest = Math.min(earliest, in.at);
                latest = Math.max(latest, in.at);
                out.collect(new Input(Input.MARK, "", latest, earliest, ""));
            }
        }

        static String digest(String text) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return java.util.Base64.getEncoder().encodeToString(Arrays.copyOf(hash, 16));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no SHA-256 in this JVM", e);
            }
        }
    }

    /**
     * Keyed by case: the first event of a case that states a jurisdiction is kept (about 300 bytes a case, for the
     * job's life), and a later event stating another is refused.
     */
    static final class Cases extends KeyedProcessFunction<String, Input, Input> {
        private static final long serialVersionUID = 1L;
        static final ValueStateDescriptor<byte[]> STATE = new ValueStateDescriptor<>("case-jurisdiction",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

        private final JobOptions options;
        private transient Json json;
        private transient ValueState<byte[]> stated;
        private transient Counter rejected;

        Cases(JobOptions options) {
            this.options = options;
        }

        @Override
        public void open(OpenContext openContext) {
            json = json(options, getRuntimeContext().getUserCodeClassLoader());
            stated = getRuntimeContext().getState(STATE);
            rejected = getRuntimeContext().getMetricGroup().counter(ComplianceJob.REJECTED_LINES);
        }

        @Override
        public void processElement(Input in, Context ctx, Collector<Input> out) throws Exception {
            CaseEvent event = json.read(in.json, CaseEvent.class);
            if (event.jurisdiction() != null) {
                byte[] bytes = stated.value();
                if (bytes == null) {
                    stated.update(in.json.getBytes(StandardCharsets.UTF_8));
                } else {
                    CaseEvent first = json.read(new String(bytes, StandardCharsets.UTF_8), CaseEvent.class);
                    InputException other = CaseTracker.otherJurisdiction(List.of(first), event);
                    if (other != null) {
                        refuse(new InputException("input", 0, other.field(), other.problem() + " (event '"
                                + event.id() + "' refused; the first to reach the job is kept)", null), options,
                                rejected);
                        return;
                    }
                }
            }
            out.collect(in);
        }
    }
}
