package org.niyam.compliance.flink;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.pack.RuleExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One case: its events and what was last reported in keyed state, its next instants as event-time timers. Every
 * evaluation happens at an instant of event time: an event's own instant, or the instant the case changes next (at
 * risk, breached), each in time order, once the watermark has passed it. So transitions depend only on event time and
 * the evidence, not on when elements or watermarks arrived, and a restarted job gives the same transitions with the
 * same ids.
 *
 * <p>The platform's profiles (a history: see {@link Profiles}), its appointments and the marks of the input's first and last instants come as broadcast
 * state. Until the first profile arrives, cases wait (their instants are kept and evaluated in order once it is
 * there), unless the job is told not to. At the end of a bounded input (the final watermark), time stops at the
 * latest event instant of the input: what falls due by then is reported; an obligation still running is written as
 * {@link PendingAtEnd}, not breached.
 */
final class CaseFunction extends KeyedBroadcastProcessFunction<String, Input, Input, Output> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CaseFunction.class);

    /** The hash of no leftovers. */
    private static final int NO_LEFTOVERS = "[]".hashCode();

    /** A timer at this instant fires only with the final watermark: the end of a bounded input. */
    static final long END = Long.MAX_VALUE - 1;

    static final MapStateDescriptor<String, String> CONTEXT = new MapStateDescriptor<>("platform-context",
            BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.STRING_TYPE_INFO);
    /** The platform's profiles, as {@link Profiles} keeps them (a JSON array). */
    static final String PROFILES = "profiles";
    /** The one profile a job before profile histories kept: read as a history of one, replaced by {@link #PROFILES}. */
    static final String PROFILE = "profile";
    /** A standing fact: {@code fact:} then its type's name, {@code :} and its id. */
    static final String FACT = "fact:";
    /** An officer appointment kept by a job before standing facts were a pack's: read as a standing fact. */
    static final String APPOINTMENT = "appointment:";
    static final String EARLIEST = "earliest";
    static final String LATEST = "latest";
    static final String VERSION = "version";

    /** Events the platform's rules read, for the platform's operator. */
    static final OutputTag<Input> SHARED = new OutputTag<>("shared", org.apache.flink.api.common.typeinfo.TypeInformation.of(Input.class));
    /** What cases concluded about the platform, for the platform's operator. */
    static final OutputTag<Input> LEFTOVERS = new OutputTag<>("leftovers", org.apache.flink.api.common.typeinfo.TypeInformation.of(Input.class));

    /** Accumulators: how many case evaluations, and the nanoseconds they took. */
    static final String CASE_STEPS = "niyam-case-steps";
    static final String CASE_STEP_NANOS = "niyam-case-step-nanos";

    static final ValueStateDescriptor<byte[]> STATE = new ValueStateDescriptor<>("case",
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /**
     * What is kept for a case.
     *
     * @param state     the tracker's state: events, obligations and findings as last reported
     * @param steppedAt the instant of the last evaluation, or null
     * @param due       instants still to evaluate at, ascending
     * @param retireAt  when the case leaves state if everything in it has still ended then (for a case that left, with
     *                  no events: when what is kept of it is forgotten), or null
     * @param leftovers the hash of the leftovers last sent to the platform
     * @param leftAt    the instant the case last left state (its events up to it left), or null: an event up to it
     *                  that comes after is evaluated without them
     */
    record Kept(CaseTracker.State state, Long steppedAt, List<Long> due, Long retireAt, int leftovers, Long leftAt) {
        Kept {
            due = due == null ? List.of() : List.copyOf(due);
        }

        Kept(CaseTracker.State state, Long steppedAt, List<Long> due, Long retireAt, int leftovers) {
            this(state, steppedAt, due, retireAt, leftovers, null);
        }
    }

    /**
     * The task metric that counts events of a case that came after the case left state (its first event since, and
     * any dated at or before the instant it left): each is reported as a {@link CaseTracker#CAME_BACK} finding.
     */
    static final String AFTER_LEAVING = "niyamEventsAfterTheirCaseLeft";

    private final JobOptions options;
    private transient CaseTracker tracker;
    private transient ValueState<byte[]> kept;
    private transient Counter late;
    private transient Counter duplicates;
    /** Events left out as bad input found only beside their case's (another jurisdiction than the case's). */
    private transient Counter rejected;
    private transient Counter steps;
    /** Events of a case that came after it left state, each reported as a finding. */
    transient Counter afterLeaving;
    private transient LongCounter stepCount;
    private transient LongCounter stepNanos;
    private transient String contextVersion;
    private transient CaseTracker.Context context;
    /** The JSON of the engine's event types. */
    private transient Json json;

    CaseFunction(JobOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        ComplianceEngine engine = Engines.open(getRuntimeContext(), options);
        tracker = CaseTracker.of(engine);
        json = Json.of(Engines.withContextTypes(engine.eventTypes()));
        kept = getRuntimeContext().getState(STATE);
        late = getRuntimeContext().getMetricGroup().counter("niyamLateEvents");
        duplicates = getRuntimeContext().getMetricGroup().counter("niyamDuplicateEvents");
        rejected = getRuntimeContext().getMetricGroup().counter(ComplianceJob.REJECTED_LINES);
        steps = getRuntimeContext().getMetricGroup().counter("niyamCaseSteps");
        afterLeaving = getRuntimeContext().getMetricGroup().counter(AFTER_LEAVING);
        stepCount = getRuntimeContext().getLongCounter(CASE_STEPS);
        stepNanos = getRuntimeContext().getLongCounter(CASE_STEP_NANOS);
    }

    @Override
    public void processElement(Input in, ReadOnlyContext ctx, Collector<Output> out) throws Exception {
        Unrecoverable.run(() -> element(in, ctx, out));
    }

    private void element(Input in, ReadOnlyContext ctx, Collector<Output> out) throws Exception {
        CaseEvent event = json.read(in.json, CaseEvent.class);
        Kept k = load(in.caseId);
        switch (tracker.seen(k.state(), event)) {
            case AGAIN -> {
                // A source that delivers again, also after the case left state (its events' digests stay).
                duplicates.inc();
                return;
            }
            case CONFLICT -> {
                // The job's admission refuses these before (Admission.Ids); kept for state it did not see.
                if (options.strict()) {
                    throw new InputException("input", 0, "id", "event id '" + event.id() + "' of case '"
                            + in.caseId + "' is used by two different events", null);
                }
                duplicates.inc();
                LOG.warn("case {}: event id '{}' is used by two different events; the later one is left out",
                        in.caseId, event.id());
                return;
            }
            default -> {
            }
        }
        InputException other = CaseTracker.otherJurisdiction(k.state().events(), event);
        if (other != null) {
            // Bad input, as a bad line: left out (or, with --strict, the job fails), not held where it would fail
            // every later evaluation of the case, and the job with it.
            if (options.strict()) {
                throw other;
            }
            rejected.inc();
            LOG.warn("{} (event '{}' left out)", other.getMessage(), event.id());
            return;
        }
        // An event of a case that left state (its events up to then are digests now) is judged without them: the
        // case's next evaluation says so in its output (CaseTracker.cameBack: a finding, and for an event from before
        // the case left, its obligations of then marked INDETERMINATE), as the monitor does.
        if (tracker.readByPlatformRules(event)) {
            ctx.output(SHARED, in);
        }
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        timers.registerEventTimeTimer(END);
        long at = in.at;
        if (at <= watermark) {
            late.inc();
        }
        // The case was evaluated past this event already, or left state after it: evaluated again at the watermark,
        // after anything that fell due before it (so that what it says, a came-back finding and marks too, is dated
        // after what was reported, as the monitor dates it at its clock).
        Long past = k.steppedAt() != null ? k.steppedAt() : k.leftAt();
        if (past != null && at <= past) {
            at = Math.max(watermark, past);
        }
        TreeSet<Long> due = new TreeSet<>(k.due());
        due.add(at);
        // A case that left and comes back: its retireAt was when what is kept of it would be forgotten.
        Long retireAt = k.state().events().isEmpty() ? null : k.retireAt();
        k = new Kept(k.state().withEvent(event), k.steppedAt(), List.copyOf(due), retireAt, k.leftovers(),
                k.leftAt());
        if (at > watermark) {
            timers.registerEventTimeTimer(at);
            kept.update(json.bytes(k));
        } else if (ready(ctx.getBroadcastState(CONTEXT))) {
            k = run(k, watermark, false, ctx.getBroadcastState(CONTEXT), timers, out, ctx::output);
            kept.update(json.bytes(k));
        } else {
            timers.registerEventTimeTimer(watermark + 1);
            kept.update(json.bytes(k));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Output> out) throws Exception {
        Unrecoverable.run(() -> timer(timestamp, ctx, out));
    }

    private void timer(long timestamp, OnTimerContext ctx, Collector<Output> out) throws Exception {
        byte[] bytes = kept.value();
        if (bytes == null) {
            return;
        }
        Kept k = completed(json.read(bytes, Kept.class));
        TimerService timers = ctx.timerService();
        ReadOnlyBroadcastState<String, String> broadcast = ctx.getBroadcastState(CONTEXT);
        boolean end = timers.currentWatermark() == Long.MAX_VALUE;
        long target = timestamp;
        if (end) {
            String latest = broadcast.get(LATEST);
            long last = latest == null ? Long.MIN_VALUE : Long.parseLong(latest);
            target = timestamp == END ? last : Math.min(timestamp, last);
        } else if (!ready(broadcast)) {
            // No profile yet: wait for it, and evaluate every instant in order once it is there.
            timers.registerEventTimeTimer(timers.currentWatermark() + 1);
            return;
        }
        k = run(k, target, end, broadcast, timers, out, ctx::output);
        if (end && timestamp == END) {
            OffsetDateTime at = instant(target);
            for (CaseTracker.Held held : k.state().obligations()) {
                Obligation o = held.obligation();
                if (o.status() == Status.OPEN || o.status() == Status.AT_RISK) {
                    PendingAtEnd pending = PendingAtEnd.of(o, at);
                    out.collect(new Output(pending.id(), json.text(pending)));
                }
            }
            kept.clear();
            return;
        }
        if (k.retireAt() != null && timestamp >= k.retireAt() && (!end || timestamp <= target)) {
            // Everything in the case had ended by then: it leaves state, whether or not a later event of it has
            // arrived already (so that when it leaves depends on event time only). Events after the instant stay, as
            // a case of their own. The same at the end of a bounded input, for an instant up to its latest event:
            // the final watermark fires the timers in time order, as watermarks during the input would have. What
            // stays of the events that leave is their digests and the transition numbers used (CaseTracker.left).
            if (k.state().events().isEmpty()) {
                // What was kept of a case that left, remembered --remember-left: forgotten.
                kept.clear();
                return;
            }
            CaseTracker.State stays = tracker.left(k.state(), instant(timestamp + 1).minusNanos(1));
            if (stays.events().isEmpty()) {
                Long forget = options.rememberLeft() == null ? null : timestamp + options.rememberLeft().toMillis();
                if (forget != null) {
                    timers.registerEventTimeTimer(forget);
                }
                kept.update(json.bytes(new Kept(stays, null, List.of(), forget, NO_LEFTOVERS, timestamp)));
                timers.deleteEventTimeTimer(END);
                return;
            }
            k = new Kept(stays, null, k.due().stream().filter(d -> d > timestamp).toList(), null, NO_LEFTOVERS,
                    timestamp);
        }
        kept.update(json.bytes(k));
    }

    @Override
    public void processBroadcastElement(Input in, Context ctx, Collector<Output> out) throws Exception {
        Unrecoverable.run(() -> broadcastElement(in, ctx, out));
    }

    private void broadcastElement(Input in, Context ctx, Collector<Output> out) throws Exception {
        var broadcast = ctx.getBroadcastState(CONTEXT);
        switch (in.kind) {
            case Input.MARK -> {
                String earliest = broadcast.get(EARLIEST);
                if (earliest == null || in.earliest < Long.parseLong(earliest)) {
                    broadcast.put(EARLIEST, Long.toString(in.earliest));
                }
                String latest = broadcast.get(LATEST);
                if (latest == null || in.at > Long.parseLong(latest)) {
                    broadcast.put(LATEST, Long.toString(in.at));
                }
                return;
            }
            case Input.PLATFORM -> {
                Platform profile = json.read(in.json, Platform.class);
                List<Platform> profiles;
                try {
                    profiles = Platform.joined(profiles(broadcast), profile);
                } catch (IllegalArgumentException e) {
                    // Every task (and the platform's) reads the same profiles in the same order and leaves it out.
                    LOG.warn("platform profile left out: {}", e.getMessage());
                    return;
                }
                broadcast.put(PROFILES, Profiles.text(profiles));
                broadcast.remove(PROFILE);
            }
            case Input.FACT -> {
                StandingFact fact = json.read(in.json, StandingFact.class);
                broadcast.put(FACT + json.name(fact) + ":" + fact.id(), in.json);
            }
            default -> throw new IllegalStateException("not a broadcast element: " + in);
        }
        String version = broadcast.get(VERSION);
        broadcast.put(VERSION, Long.toString(version == null ? 1 : Long.parseLong(version) + 1));
        // A changed context: cases already evaluated are evaluated again at the watermark.
        long watermark = ctx.currentWatermark();
        if (watermark == Long.MIN_VALUE || !ready(broadcast)) {
            return;
        }
        CaseTracker.Context now = context(broadcast);
        ctx.applyToKeyedState(STATE, (caseId, state) -> {
            byte[] bytes = state.value();
            if (bytes == null) {
                return;
            }
            Kept k = completed(json.read(bytes, Kept.class));
            if (k.steppedAt() == null || k.steppedAt() > watermark) {
                return;
            }
            CaseTracker.Step step = step(now, k.state(), watermark);
            // What run() does with a step, but at the watermark and without a timer (this side cannot set a case's):
            // its transitions, its leftovers sent to the platform when the change changed them, and whether the case
            // may leave, asked again of what the change made of it.
            Settled settled = settle(step, k.state().caseId(), watermark, k.leftovers(), k.retireAt(), null, out,
                    ctx::output);
            TreeSet<Long> due = new TreeSet<>(k.due());
            if (step.nextChange() != null) {
                due.add(step.nextChange().toInstant().toEpochMilli());
            }
            state.update(json.bytes(new Kept(step.state(), watermark, List.copyOf(due), settled.retireAt(),
                    settled.leftovers(), k.leftAt())));
        });
    }

    /**
     * Evaluates the case at each of its due instants up to {@code target}, in order, with the instants each
     * evaluation adds (the next change); registers a timer for the first instant left after {@code target}.
     */
    private Kept run(Kept k, long target, boolean end, ReadOnlyBroadcastState<String, String> broadcast,
                     TimerService timers, Collector<Output> out, SideOutput side) throws Exception {
        TreeSet<Long> due = new TreeSet<>(k.due());
        CaseTracker.State state = k.state();
        Long steppedAt = k.steppedAt();
        Long retireAt = k.retireAt();
        int leftovers = k.leftovers();
        CaseTracker.Context context = context(broadcast);
        while (!due.isEmpty() && due.first() <= target) {
            long at = due.pollFirst();
            if (steppedAt != null && at <= steppedAt) {
                at = steppedAt; // a late event: evaluated again at the instant already reached
            }
            long started = System.nanoTime();
            CaseTracker.Step step = step(context, state, at);
            stepNanos.add(System.nanoTime() - started);
            stepCount.add(1);
            steps.inc();
            Settled settled = settle(step, state.caseId(), at, leftovers, retireAt, timers, out, side);
            leftovers = settled.leftovers();
            retireAt = settled.retireAt();
            state = step.state();
            steppedAt = at;
            if (step.nextChange() != null) {
                long next = step.nextChange().toInstant().toEpochMilli();
                due.add(next);
                if (next > target && !end) {
                    timers.registerEventTimeTimer(next);
                }
            }
        }
        return new Kept(state, steppedAt, List.copyOf(due), retireAt, leftovers, k.leftAt());
    }

    /**
     * The case's step at {@code at}; a rule that fails there (past the firing limit, say) fails naming the case, the
     * instant and the events it was evaluated with, so that the evidence can be found among millions of cases.
     */
    private CaseTracker.Step step(CaseTracker.Context context, CaseTracker.State state, long at) {
        OffsetDateTime when = instant(at);
        try {
            return tracker.step(context, state, when);
        } catch (RuleExecutionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("case " + state.caseId() + " ")) {
                throw e; // names the case already
            }
            List<String> ids = state.events().stream().filter(ev -> !ev.at().isAfter(when)).map(CaseEvent::id)
                    .toList();
            String events = ids.size() <= 5 ? String.join(", ", ids)
                    : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
            throw new RuleExecutionException(e.ruleId(), "case " + state.caseId() + ", evaluated at " + when
                    + " with its events " + events + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a step leaves of a case's leftovers and leaving.
     *
     * @param leftovers the hash of the leftovers last sent to the platform
     * @param retireAt  when the case leaves state if everything in it has still ended then, or null
     */
    record Settled(int leftovers, Long retireAt) {
    }

    /**
     * What both sides (an event or timer, and a changed profile or standing fact) do with a step of a case at
     * {@code at}: send its transitions; send its leftovers to the platform's operator when they differ from those last
     * sent ({@code leftovers}, a hash), dated {@code at}; and decide when the case may leave state. A case that
     * concluded something about the platform stays (the platform reads its conclusions); so does a case with no
     * obligation yet (its events may be what a later event's duty reads, as a notice to the user before a removal),
     * unless it came back after it left, when it leaves again as the monitor's does ({@link
     * CaseTracker.State#mayLeave}). One that may leave does so {@link JobOptions#retainEnded()} after {@code at}, by a
     * timer set here; with no {@code timers} (the broadcast side, which cannot set a case's timer) it keeps the
     * instant it had, whose timer is set, or is given one that its next event or timer acts on.
     */
    private Settled settle(CaseTracker.Step step, String caseId, long at, int leftovers, Long retireAt,
                           TimerService timers, Collector<Output> out, SideOutput side) {
        for (Transition t : step.transitions()) {
            send(t, out);
        }
        String left = json.text(step.leftovers());
        if (left.hashCode() != leftovers) {
            side.output(LEFTOVERS, new Input(Input.LEFTOVERS, caseId, at, 0, left));
            leftovers = left.hashCode();
        }
        if (!step.state().mayLeave() || leftovers != NO_LEFTOVERS) {
            return new Settled(leftovers, null);
        }
        // At the end of a bounded input as during it, so that whether a case left state does not depend on when
        // watermarks came.
        if (timers == null) {
            return new Settled(leftovers, retireAt != null ? retireAt : at + options.retainEnded().toMillis());
        }
        long leaves = at + options.retainEnded().toMillis();
        timers.registerEventTimeTimer(leaves);
        return new Settled(leftovers, leaves);
    }

    /** Side outputs of either context. */
    @FunctionalInterface
    interface SideOutput {
        void output(OutputTag<Input> tag, Input value);
    }

    private Kept load(String caseId) throws Exception {
        byte[] bytes = kept.value();
        return bytes == null ? new Kept(CaseTracker.State.empty(caseId), null, List.of(), null, NO_LEFTOVERS)
                : completed(json.read(bytes, Kept.class));
    }

    /**
     * State written by a job before the tracker kept the instant a case left: the instant is given from
     * {@link Kept#leftAt}, so that an event that comes back is reported as by a job that kept it.
     */
    Kept completed(Kept k) {
        CaseTracker.State state = k.state();
        if (k.leftAt() == null || state.earlier() == null || state.earlier().left() != null) {
            return k;
        }
        return new Kept(new CaseTracker.State(state.caseId(), state.events(), state.obligations(), state.findings(),
                state.earlier().leftAt(instant(k.leftAt()))), k.steppedAt(), k.due(), k.retireAt(), k.leftovers(),
                k.leftAt());
    }

    /** Sends a transition; one that says an event of a case that had left came back is counted. */
    private void send(Transition t, Collector<Output> out) {
        if (t.kind() == Transition.Kind.FINDING && CaseTracker.CAME_BACK.equals(t.finding().code())) {
            afterLeaving.inc();
        }
        out.collect(new Output(t.id(), json.text(t)));
    }

    private boolean ready(ReadOnlyBroadcastState<String, String> broadcast) throws Exception {
        return !options.awaitProfile() || broadcast.contains(PROFILES) || broadcast.contains(PROFILE);
    }

    /** The platform's profiles in broadcast state, as given (a state from before histories: its one profile). */
    static List<Platform> profiles(ReadOnlyBroadcastState<String, String> broadcast) throws Exception {
        String profiles = broadcast.get(PROFILES);
        if (profiles != null) {
            return Profiles.read(profiles);
        }
        String profile = broadcast.get(PROFILE);
        return profile == null ? List.of() : List.of(Json.DEFAULT.read(profile, Platform.class));
    }

    private CaseTracker.Context context(ReadOnlyBroadcastState<String, String> broadcast) throws Exception {
        String version = broadcast.get(VERSION) + "/" + broadcast.get(EARLIEST);
        if (context != null && version.equals(contextVersion)) {
            return context;
        }
        List<Platform> profiles = profiles(broadcast);
        List<Map.Entry<String, StandingFact>> facts = new ArrayList<>();
        for (Map.Entry<String, String> entry : broadcast.immutableEntries()) {
            if (entry.getKey().startsWith(FACT) || entry.getKey().startsWith(APPOINTMENT)) {
                facts.add(Map.entry(entry.getKey(), Json.DEFAULT.read(entry.getValue(), StandingFact.class)));
            }
        }
        facts.sort(Map.Entry.comparingByKey()); // every task in the same order
        // The period starts at --since when given, as the monitor's since, else at the input's earliest event.
        String earliest = broadcast.get(EARLIEST);
        OffsetDateTime since = options.since() != null ? options.since()
                : earliest == null ? null : instant(Long.parseLong(earliest));
        context = new CaseTracker.Context(profiles, facts.stream().map(Map.Entry::getValue).toList(), since);
        contextVersion = version;
        return context;
    }

    private OffsetDateTime instant(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), options.offset());
    }
}
