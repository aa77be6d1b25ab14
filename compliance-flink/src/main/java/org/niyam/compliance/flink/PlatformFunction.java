package org.niyam.compliance.flink;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.DatedValue;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.pack.Parameter;

/**
 * The platform: its global rules (standing duties, monthly reports, "no notice at all") over the events they read
 * and what every case concluded about the platform, in one task (parallelism 1, one key). It evaluates at every
 * instant something it reads happened, at the instants the standing facts and the law name, at the next change of its
 * obligations, and at the standing checks: the whole multiples of {@link JobOptions#standingCheck()} from midnight,
 * 1 January 1970, at the job's offset, a grid of event time that no restart moves. Of the checks the watermark passes
 * before the next instant due, only those needed: the last, and the first that says something new, found by
 * bisection. Like the cases, in time order once the watermark has passed, and at the end of a bounded input up to the
 * latest event instant.
 */
final class PlatformFunction extends KeyedProcessFunction<String, Input, Output> {

    private static final long serialVersionUID = 1L;

    /** Accumulators: how many platform evaluations, and the nanoseconds they took. */
    static final String PLATFORM_STEPS = "niyam-platform-steps";
    static final String PLATFORM_STEP_NANOS = "niyam-platform-step-nanos";

    static final ValueStateDescriptor<byte[]> STATE = new ValueStateDescriptor<>("platform",
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /** What a case concluded about the platform, from an instant on. */
    record Dated(long at, List<CaseTracker.Leftover> leftovers) {
        Dated {
            leftovers = List.copyOf(leftovers);
        }
    }

    /**
     * What the platform keeps.
     *
     * @param platform     always null: the one profile a job before profile histories kept, read into
     *                     {@code profiles}
     * @param profiles     the platform's profiles as given ({@link Profiles}), in time order
     * @param facts        the standing facts, by type name and id ({@code appointments}, by id, in a job before
     *                     standing facts were a pack's)
     * @param state        the tracker's state: the events platform rules read, obligations and findings reported
     * @param leftovers    by case, what it concluded, oldest first
     * @param steppedAt    the last evaluation's instant, or null
     * @param due          instants still to evaluate at, ascending
     * @param earliest     the input's earliest event instant, or null
     * @param latest       its latest, or null
     * @param lawDates     whether the law's dates are among the due instants yet
     */
    record Kept(Platform platform, List<Platform> profiles,
                @com.fasterxml.jackson.annotation.JsonAlias("appointments") Map<String, StandingFact> facts,
                CaseTracker.State state, Map<String, List<Dated>> leftovers, Long steppedAt, List<Long> due,
                Long earliest, Long latest, boolean lawDates) {
        Kept {
            if (platform != null && (profiles == null || profiles.isEmpty())) {
                profiles = List.of(platform);
            }
            platform = null;
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
            facts = facts == null ? Map.of() : new TreeMap<>(facts);
            leftovers = leftovers == null ? Map.of() : new TreeMap<>(leftovers);
            due = due == null ? List.of() : List.copyOf(due);
        }
    }

    private static final TypeReference<List<CaseTracker.Leftover>> LEFTOVERS = new TypeReference<>() {
    };

    private final JobOptions options;
    private transient ComplianceEngine engine;
    /** The JSON of the engine's event types. */
    private transient Json json;
    private transient CaseTracker tracker;
    private transient ValueState<byte[]> kept;
    private transient LongCounter stepCount;
    private transient LongCounter stepNanos;
    /**
     * Where the platform's evaluations begin when {@link JobOptions#since()} is given: the period's start, but never
     * before the law begins (as the monitor's clock under event time); epoch milliseconds, or {@code null}.
     */
    private transient Long periodStart;
    /** Where the grid of standing checks starts: midnight at the start of 1 January 1970 at the job's offset. */
    private transient long gridOrigin;

    PlatformFunction(JobOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        engine = Engines.open(getRuntimeContext(), options);
        tracker = CaseTracker.of(engine);
        json = Json.of(Engines.withContextTypes(engine.eventTypes()));
        kept = getRuntimeContext().getState(STATE);
        stepCount = getRuntimeContext().getLongCounter(PLATFORM_STEPS);
        stepNanos = getRuntimeContext().getLongCounter(PLATFORM_STEP_NANOS);
        gridOrigin = -options.offset().getTotalSeconds() * 1000L;
        OffsetDateTime since = options.since();
        OffsetDateTime law = tracker.lawStart();
        periodStart = since == null ? null
                : (law != null && law.isAfter(since) ? law : since).toInstant().toEpochMilli();
    }

    @Override
    public void processElement(Input in, Context ctx, Collector<Output> out) throws Exception {
        Unrecoverable.run(() -> element(in, ctx, out));
    }

    private void element(Input in, Context ctx, Collector<Output> out) throws Exception {
        byte[] bytes = kept.value();
        Kept k = bytes == null ? new Kept(null, List.of(), Map.of(), CaseTracker.State.empty(""), Map.of(), null, List.of(),
                null, null, false) : json.read(bytes, Kept.class);
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        TreeSet<Long> due = new TreeSet<>(k.due());
        List<Platform> profiles = k.profiles();
        Map<String, StandingFact> facts = new TreeMap<>(k.facts());
        CaseTracker.State state = k.state();
        Map<String, List<Dated>> leftovers = new TreeMap<>(k.leftovers());
        Long earliest = k.earliest();
        Long latest = k.latest();
        boolean lawDates = k.lawDates();
        List<Long> instants = new ArrayList<>();
        boolean changed = false;
        if (!lawDates) {
            for (Parameter parameter : engine.parameters().values()) {
                for (DatedValue value : parameter.values()) {
                    instants.add(value.from().toInstant().toEpochMilli());
                }
            }
            if (periodStart != null) {
                instants.add(periodStart); // the standing duties at the period's start, before the first events
            }
            lawDates = true;
        }
        switch (in.kind) {
            case Input.PLATFORM -> {
                try {
                    profiles = Platform.joined(profiles, json.read(in.json, Platform.class));
                } catch (IllegalArgumentException e) {
                    return; // left out, as the case tasks leave it out (they say so at WARN)
                }
                changed = true;
                // The platform is assessed again where a profile starts or ends, as the monitor assesses it.
                for (Platform profile : Platform.history(profiles)) {
                    for (OffsetDateTime bound : java.util.Arrays.asList(profile.from(), profile.until())) {
                        if (bound != null) {
                            long b = bound.toInstant().toEpochMilli();
                            instants.add(b);
                            instants.add(b + 1);
                        }
                    }
                }
            }
            case Input.FACT -> {
                StandingFact fact = json.read(in.json, StandingFact.class);
                facts.put(json.name(fact) + ":" + fact.id(), fact);
                changed = true;
                for (OffsetDateTime instant : fact.changesAt()) {
                    long at = instant.toInstant().toEpochMilli();
                    instants.add(at);
                    instants.add(at + 1);
                }
            }
            case Input.MARK -> {
                if (earliest == null || in.earliest < earliest) {
                    instants.add(in.earliest);
                }
                earliest = earliest == null ? in.earliest : Math.min(earliest, in.earliest);
                latest = latest == null ? in.at : Math.max(latest, in.at);
            }
            case Input.EVENT -> {
                CaseEvent event = json.read(in.json, CaseEvent.class);
                if (state.events().stream().noneMatch(e -> e.id().equals(event.id()))) {
                    state = state.withEvent(event);
                    instants.add(in.at);
                }
            }
            case Input.LEFTOVERS -> {
                List<CaseTracker.Leftover> concluded;
                try {
                    concluded = json.mapper.readValue(in.json, LEFTOVERS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                leftovers.computeIfAbsent(in.caseId, c -> new ArrayList<>()).add(new Dated(in.at, concluded));
                instants.add(in.at);
            }
            default -> throw new IllegalStateException("not an input of the platform: " + in);
        }
        Long steppedAt = k.steppedAt();
        if (changed && steppedAt != null) {
            // The platform's facts changed after it was evaluated: evaluated again from the watermark on.
            instants.add(watermark + 1);
        }
        for (long instant : instants) {
            // An instant not evaluated yet keeps its place in time (the platform may be waiting for its profile);
            // one in the past already evaluated is taken at the next instant.
            long at = steppedAt == null || instant > steppedAt ? instant : watermark + 1;
            due.add(at);
            timers.registerEventTimeTimer(Math.max(at, watermark + 1));
        }
        if (changed) {
            timers.registerEventTimeTimer(watermark + 1); // wakes a platform that waited for its profile
        }
        timers.registerEventTimeTimer(CaseFunction.END);
        kept.update(json.bytes(new Kept(null, profiles, facts, state, leftovers, k.steppedAt(), List.copyOf(due),
                earliest, latest, lawDates)));
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
        Kept k = json.read(bytes, Kept.class);
        TimerService timers = ctx.timerService();
        boolean end = timers.currentWatermark() == Long.MAX_VALUE;
        // Everything due up to the watermark is evaluated now, in time order: the timers up to it find nothing left.
        long target = end ? timestamp : Math.max(timestamp, timers.currentWatermark());
        if (end) {
            long last = k.latest() == null ? Long.MIN_VALUE : k.latest();
            target = timestamp == CaseFunction.END ? last : Math.min(timestamp, last);
            if (options.since() != null && k.latest() != null && options.since().toInstant().toEpochMilli() > last) {
                // As niyam audit refuses it: nothing of the input lies in the period.
                throw new InputException("input", 0, "", "--since " + options.since() + " is after the latest "
                        + "event of the input, at " + instant(last) + ": the period judged would be empty; give a "
                        + "start at or before it", null);
            }
        } else if (options.awaitProfile() && k.profiles().isEmpty()) {
            return; // the profile's arrival sets a timer
        }
        TreeSet<Long> due = new TreeSet<>(k.due());
        CaseTracker.State state = k.state();
        Long steppedAt = k.steppedAt();
        Map<String, List<Dated>> leftovers = new TreeMap<>(k.leftovers());
        CaseTracker.Context context = new CaseTracker.Context(k.profiles(), List.copyOf(k.facts().values()),
                options.since() != null ? options.since() : k.earliest() == null ? null : instant(k.earliest()));
        // From the period's start when given, or from the input's first event if that is earlier, as the monitor.
        Long from = k.earliest();
        if (periodStart != null && (from == null || periodStart < from)) {
            from = periodStart;
        }
        Ahead ahead = null;
        while (true) {
            if (steppedAt != null && ahead == null) {
                // The checks the watermark passed before the next instant due: evaluated at the first that says
                // something new, or else at the last (see firstChange), which is due next.
                long before = due.isEmpty() ? Long.MAX_VALUE : due.first();
                long first = nextCheck(steppedAt);
                long last = lastCheck(Math.min(before - 1, target));
                if (first <= last) {
                    ahead = firstChange(context, state, leftovers, first, last);
                    due.add(ahead.at());
                }
            }
            if (due.isEmpty() || due.first() > target) {
                break;
            }
            long at = due.pollFirst();
            if (from == null || at < from || steppedAt != null && at <= steppedAt) {
                continue; // before the period or the input began, or evaluated already
            }
            List<CaseTracker.Leftover> concluded = concluded(leftovers, at);
            leftovers = pruned(leftovers, at);
            CaseTracker.Step step = ahead != null && ahead.at() == at ? ahead.step()
                    : platformStep(context, state, concluded, at);
            ahead = null;
            for (Transition t : step.transitions()) {
                out.collect(new Output(t.id(), json.text(t)));
            }
            state = step.state();
            steppedAt = at;
            if (step.nextChange() != null) {
                long n = step.nextChange().toInstant().toEpochMilli();
                due.add(n);
                if (n > target && !end) {
                    timers.registerEventTimeTimer(n);
                }
            }
        }
        if (steppedAt != null && !end) {
            // The next check after the watermark: when the watermark passes it, the checks up to it are looked at.
            long next = nextCheck(Math.max(target, steppedAt));
            if (next != Long.MAX_VALUE) {
                timers.registerEventTimeTimer(next);
            }
        }
        if (end && timestamp == CaseFunction.END) {
            OffsetDateTime at = instant(target);
            for (CaseTracker.Held held : state.obligations()) {
                Obligation o = held.obligation();
                if (o.status() == Status.OPEN || o.status() == Status.AT_RISK) {
                    PendingAtEnd pending = PendingAtEnd.of(o, at);
                    out.collect(new Output(pending.id(), json.text(pending)));
                }
            }
            kept.clear();
            return;
        }
        kept.update(json.bytes(new Kept(null, k.profiles(), k.facts(), state, leftovers, steppedAt,
                List.copyOf(due), k.earliest(), k.latest(), k.lawDates())));
    }

    /** A step the platform was evaluated at while looking for the first check that says something new. */
    private record Ahead(long at, CaseTracker.Step step) {
    }

    /**
     * The check to evaluate at next of the checks {@code first}, {@code first + check}, ... {@code last}, all after
     * the last evaluation and before the next instant due: the first at which the platform's step from
     * {@code state} has transitions, found by bisection, or the last when it has none. Nothing the platform reads
     * changes between those instants (each instant something changes at is due on its own: events and conclusions of
     * cases, profiles' and standing facts' bounds, the law's dates, the obligations' next changes), so only the
     * clock moves; and the platform's rules, read at a later instant with the same facts, take back nothing they said
     * at an earlier one (a month that ended stays ended). So once a check says something new, every later one of
     * them does, and the check found is the one an evaluation at each check in turn would have stopped at: about
     * twenty evaluations where a jump of the watermark over years would have taken one a check.
     */
    private Ahead firstChange(CaseTracker.Context context, CaseTracker.State state, Map<String, List<Dated>> leftovers,
                              long first, long last) {
        CaseTracker.Step atLast = platformStep(context, state, concluded(leftovers, last), last);
        if (atLast.transitions().isEmpty() || first == last) {
            return new Ahead(last, atLast);
        }
        long check = options.standingCheck().toMillis();
        long low = 0; // the checks are first + n * check, low <= n <= high; the one at high says something new
        long high = (last - first) / check;
        CaseTracker.Step found = atLast;
        while (low < high) {
            long middle = low + (high - low) / 2;
            long at = first + middle * check;
            CaseTracker.Step step = platformStep(context, state, concluded(leftovers, at), at);
            if (step.transitions().isEmpty()) {
                low = middle + 1;
            } else {
                high = middle;
                found = step;
            }
        }
        return new Ahead(first + low * check, found);
    }

    /**
     * The first standing check after {@code instant}, or {@link Long#MAX_VALUE} past the instants a long holds. The
     * checks are a grid fixed by the options alone: the whole multiples of {@code --standing-check} from midnight at
     * the start of 1 January 1970 at {@code --offset}; so they do not depend on where the task last evaluated, on a
     * restart, or on the input.
     */
    private long nextCheck(long instant) {
        long check = options.standingCheck().toMillis();
        try {
            return Math.addExact(gridOrigin, Math.multiplyExact(Math.floorDiv(instant - gridOrigin, check) + 1, check));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The last standing check at or before {@code instant} (see {@link #nextCheck}). */
    private long lastCheck(long instant) {
        long check = options.standingCheck().toMillis();
        return gridOrigin + Math.floorDiv(instant - gridOrigin, check) * check;
    }

    /** The platform's step at {@code at}, counted and timed. */
    private CaseTracker.Step platformStep(CaseTracker.Context context, CaseTracker.State state,
                                          List<CaseTracker.Leftover> concluded, long at) {
        long started = System.nanoTime();
        CaseTracker.Step step = tracker.platformStep(context, state.events(), concluded, state, instant(at));
        stepNanos.add(System.nanoTime() - started);
        stepCount.add(1);
        return step;
    }

    /** What the cases concluded about the platform, as each last said it by {@code at}. */
    private static List<CaseTracker.Leftover> concluded(Map<String, List<Dated>> leftovers, long at) {
        List<CaseTracker.Leftover> concluded = new ArrayList<>();
        for (List<Dated> dated : leftovers.values()) {
            Dated current = null;
            for (Dated d : dated) {
                if (d.at() <= at) {
                    current = d;
                }
            }
            if (current != null) {
                concluded.addAll(current.leftovers());
            }
        }
        return concluded;
    }

    /** The leftovers without those each case replaced by {@code at}. */
    private static Map<String, List<Dated>> pruned(Map<String, List<Dated>> leftovers, long at) {
        Map<String, List<Dated>> kept = new TreeMap<>();
        for (Map.Entry<String, List<Dated>> entry : leftovers.entrySet()) {
            Dated current = null;
            List<Dated> left = new ArrayList<>();
            for (Dated d : entry.getValue()) {
                if (d.at() <= at) {
                    current = d;
                } else {
                    left.add(d);
                }
            }
            if (current != null) {
                left.add(0, current);
            }
            kept.put(entry.getKey(), left);
        }
        return kept;
    }

    private OffsetDateTime instant(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), options.offset());
    }
}
