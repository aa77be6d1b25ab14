package org.niyam.compliance.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.niyam.compliance.engine.internal.Evaluation;
import org.niyam.compliance.engine.internal.ExecutableModels;
import org.niyam.compliance.engine.internal.LongSet;
import org.niyam.compliance.engine.internal.MonitorMetrics;
import org.niyam.compliance.engine.internal.StandingOverPeriod;
import org.niyam.compliance.engine.internal.sandbox.StepTotal;
import org.niyam.compliance.io.internal.InputErrors;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.EvidencePeriod;
import org.niyam.compliance.model.LawInForce;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RuleExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a platform's cases as they happen and reports each change to a listener at the instant it happens: an
 * obligation opened, at risk, breached, met, met late, not applicable; a finding; a standing duty that became
 * non-compliant (an officer's post falling vacant at midnight, with no event at all).
 *
 * <pre>{@code
 * ComplianceMonitor monitor = ComplianceMonitor.builder(engine)
 *         .clock(MonitorClock.wall())
 *         .listener(t -> alerts.send(t.id(), t.kind(), t.obligation()))
 *         .platform(profile)
 *         .build();
 * monitor.accept(new RemovalOrderReceived(...));   // from any thread, as events happen
 * List<Obligation> soonest = monitor.dueNext(10);  // what falls due next
 * }</pre>
 *
 * <p>The rules are the engine's, run the same way as {@link ComplianceEngine#evaluate}: at every instant the monitor's
 * obligations are those of {@code evaluate(everything accepted so far, that instant)}. When an event arrives the
 * rules run again over its case's events; time passing moves open obligations to at risk and breached through
 * timers of the kernel, at the instants {@link Obligation#dueAt()} and the at-risk setting give; the platform's
 * standing duties are assessed again whenever the platform's facts change, at every instant those facts or the law
 * name (a standing fact beginning or ending, such as an appointment, an amendment in force), and at least every {@link Builder#standingDutyCheck}. A change
 * of a standing duty found by that check is reported with the instant it took effect, found by bisection.
 *
 * <p>Each {@link Transition} has a stable {@link Transition#id()}: the same evidence and clock give the same ids,
 * also after {@link #snapshot()} and {@link Builder#restore}, and never sent for two different transitions (unless
 * {@link Builder#rememberLeftCases} made the monitor forget a case). Memory
 * is bounded by the cases with something still to settle, and 16 bytes for each event of a case that left: a case
 * whose obligations have all ended (met, met late, not applicable) leaves the monitor
 * {@link Builder#retainEndedCases} after it ended, keeping only a digest of each of its events (so that an event
 * delivered again is known as a copy), the highest transition number it used, the instant it left and its
 * obligations' last verdicts; a case with no obligation yet stays (one that came back after it left with events that
 * open nothing leaves again, {@link CaseTracker.State#mayLeave}). A new event of a case that left is judged without
 * the case's earlier events, and the transitions say so: a {@link CaseTracker#CAME_BACK} finding, and for an event
 * dated at or before the instant the case left, each obligation it had then marked {@link Status#INDETERMINATE}.
 *
 * <p>Thread-safe: calls are serialised, and the listener is called one transition at a time, in order, on the thread
 * that caused the change (the caller of {@link #accept}, the manual clock's caller, or the monitor's own timer thread
 * for the wall clock). A listener must not call back into the monitor from another thread while it waits.
 */
public final class ComplianceMonitor implements AutoCloseable {

    /** Receives transitions, one at a time, in the order they happened. */
    @FunctionalInterface
    public interface Listener {

        /**
         * Called once for each change, on the thread that caused it (see the class description). A listener that
         * throws does not stop the monitor, and the transition is not sent again: the failure is logged at WARN with
         * its id and counted ({@code niyam.monitor.listener.failures}). A listener whose sink can fail should hand
         * the transition to something durable (a queue, a table) and return; what stands now is always in
         * {@link ComplianceMonitor#open()} and {@link ComplianceMonitor#report()}.
         *
         * @param transition what changed, with its stable id; a consumer that sees one id twice can drop the second
         */
        void transition(Transition transition);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceMonitor.class);
    private static final String PLATFORM = "";

    private final Evaluation evaluation;
    private final CaseTracker tracker;
    private final MonitorClock clock;
    private final Listener listener;
    private final Duration outOfOrder;
    /** Where the loaded law begins ({@link CaseTracker#lawStart()}); the event-time clock never starts before it. */
    private final OffsetDateTime lawStart;
    private final Duration retainEnded;
    private final Duration rememberLeft;
    private final Duration standingCheck;
    private final ZoneOffset offset;
    private final OffsetDateTime since;
    private final MonitorMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService timerThread;
    private final Consumer<OffsetDateTime> manualHook;
    private ScheduledFuture<?> wake;
    private OffsetDateTime wakeAt;
    /** Set by {@link #close()}: nothing more is taken, since no deadline would be reported any more. */
    private boolean closed;

    private OffsetDateTime now;
    private OffsetDateTime latestSeen;
    private OffsetDateTime earliest;
    /** The platform's records as given ({@link Platform#joined}); {@link Platform#history} reads them. */
    private List<Platform> profiles = List.of();
    /** The standing facts by type and id: one given again under its type and id replaces it. */
    private final Map<List<Object>, StandingFact> facts = new LinkedHashMap<>();
    private final Map<String, Tracks> cases = new HashMap<>();
    private final Map<String, CaseEvent> heldIds = new HashMap<>();
    private final PriorityQueue<CaseEvent> pending = new PriorityQueue<>(Evaluation.EVENT_ORDER);
    /**
     * Per case, a pending event that states a jurisdiction (the first taken), so that an event stating another is
     * refused without a walk through every pending event (all of a log's under a large out-of-order bound).
     */
    private final Map<String, CaseEvent> pendingStating = new HashMap<>();
    private final List<CaseEvent> shared = new ArrayList<>();
    private final Tracks platformTracks = new Tracks(PLATFORM);
    /** The obligations of cases the platform's report placed when it was last computed. */
    private Set<String> platformPlaced = Set.of();
    private final List<Evaluation.Conclusion> retiredLeftovers = new ArrayList<>();
    /** The held cases' conclusions about the platform (or another case), by case id: only cases with some. */
    private final TreeMap<String, List<Evaluation.Conclusion>> caseLeftovers = new TreeMap<>();
    /**
     * What {@link #platformAt} gives the platform's report besides the global conclusions: the retired cases'
     * leftovers, then each held case's in the order of its id; null when to be built again.
     */
    private List<Evaluation.Conclusion> allLeftovers;
    /** Counts the changes of {@link #allLeftovers}, so that a platform report computed before is known current. */
    private long leftoversVersion;
    /** The platform's report last computed, for the same evaluation, leftovers and instant asked again. */
    private PlatformReport lastPlatform;

    /** A platform report, what it was computed of, and the obligations it placed. */
    private record PlatformReport(Evaluation.Global global, OffsetDateTime at, long version, Report report,
                                  Set<String> placed) {
    }
    /** What is kept of each case that left, by the hash of its id ({@link LongSet#hash}): see {@link CaseTracker#left}. */
    private final Map<Long, MonitorSnapshot.Left> left = new HashMap<>();
    /** The cases that left, in the order they left, to forget after {@link Builder#rememberLeftCases}. */
    private final ArrayDeque<Forget> leftOrder = new ArrayDeque<>();

    /** A case that left at an instant: forgotten once the clock passes it by the time it is remembered. */
    private record Forget(long caseHash, OffsetDateTime at) {
    }
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private Evaluation.Global global;
    /** The platform's rules evaluated at {@link #preparedAt} by {@link #platformDiffers}, for the stop there. */
    private Evaluation.Global prepared;
    private OffsetDateTime preparedAt;
    private boolean contextChanged = true;
    private OffsetDateTime lastGlobalCheck;
    private String oneSession;
    /**
     * Whether the platform's rules were assessed once (split, {@link #global} is set; in one session, everything was):
     * under event time the platform's report is computed apart only before ({@link #unreportedPlatform}).
     */
    private boolean stopped;
    /** How many events the cases that left had: {@code evaluate} of everything accepted counts them in its limit. */
    private long leftEvents;
    /**
     * The firings of the held cases' rules when each was last evaluated, of the cases that left, and of the platform's
     * rules: a stop runs only what changed, and charges the rest to the firing limit as {@code evaluate} fires it.
     */
    private long heldFirings;
    private long leftFirings;
    private long globalFirings;
    private long preparedFirings;
    /** Whether case-local rules read the period watched, or the law in force: held cases run again when they change. */
    private final boolean localReadsPeriod;
    private final boolean localReadsLaw;
    /** The fingerprint of the engine's packs, which a snapshot names; null until asked. */
    private String rules;
    private final ComplianceEngine engine;
    /** A rule that failed in a case's session during the current call: thrown when the call ends (see accept). */
    private RuleExecutionException failure;
    /** Instants the standing facts, the platform's records and the law name (see {@link #namedInstants}); null when to be computed again. */
    private List<OffsetDateTime> named;

    /** A kernel timer: a case's (or the platform's) next change, or the instant an ended case leaves. */
    private record Timer(OffsetDateTime at, String caseId, boolean retire) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int c = at.toInstant().compareTo(other.at.toInstant());
            return c != 0 ? c : caseId.compareTo(other.caseId);
        }
    }

    /** What the monitor holds for one case (or, under the empty id, the platform). */
    static final class Tracks {
        final String caseId;
        final List<CaseEvent> events = new ArrayList<>();
        final Map<String, CaseTracker.Held> obligations = new LinkedHashMap<>();
        final Map<String, Finding> findings = new LinkedHashMap<>();
        List<Evaluation.Conclusion> leftovers = List.of();
        /** How many times its rules fired when last evaluated: an evaluation of everything counts them. */
        long firings;
        OffsetDateTime next;
        OffsetDateTime retireAt;
        /** What is kept of what the case no longer holds, or null. */
        CaseTracker.Earlier earlier;

        Tracks(String caseId) {
            this.caseId = caseId;
        }

        /**
         * Whether the case may leave: it has obligations and all of them have ended, or it came back after it left and
         * has none that has not ended ({@link CaseTracker#mayLeave}). A case with none yet stays, as it does in the
         * Flink job: its events (a notice to the user, say) may be what a later event's duty reads.
         */
        boolean ended() {
            return CaseTracker.mayLeave(obligations.values(), earlier);
        }
    }

    private final ObjectMapper snapshots;

    private ComplianceMonitor(Builder builder, MonitorSnapshot restored) {
        this.evaluation = builder.engine.evaluation();
        this.engine = builder.engine;
        this.localReadsPeriod = evaluation.locality().readByLocalRules(EvidencePeriod.class);
        this.localReadsLaw = evaluation.locality().readByLocalRules(LawInForce.class);
        this.tracker = CaseTracker.of(builder.engine);
        this.snapshots = snapshots(builder.engine);
        this.clock = builder.clock;
        this.listener = builder.listener;
        this.outOfOrder = builder.outOfOrder;
        this.lawStart = tracker.lawStart();
        this.retainEnded = builder.retainEnded;
        this.rememberLeft = builder.rememberLeft;
        this.standingCheck = builder.standingCheck;
        this.offset = builder.offset;
        this.since = builder.since;
        this.metrics = new MonitorMetrics(builder.registry, builder.metricsClock, this::lagSeconds, this::heldCases,
                this::pendingEvents);
        this.profiles = builder.profiles;
        // An engine that runs every evaluation in one session (Builder.oneSession(), or rules the engine cannot
        // split: a query, a timer...) is watched in one session from the start: case by case, rules that are not
        // proved case-local would see no case's events.
        this.oneSession = evaluation.singleSessionReason();
        builder.facts.forEach(f -> facts.put(factKey(f), f));
        if (clock instanceof MonitorClock.Wall) {
            this.timerThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "niyam-monitor-clock");
                thread.setDaemon(true);
                return thread;
            });
        } else {
            this.timerThread = null;
        }
        lock.lock();
        try {
            if (restored != null) {
                restore(restored);
            } else {
                if (clock instanceof MonitorClock.Manual manual) {
                    now = manual.now().withOffsetSameInstant(offset);
                } else if (clock instanceof MonitorClock.Wall wall) {
                    now = wall.now(offset);
                }
                Set<String> dirty = new TreeSet<>();
                List<InputException> refused = new ArrayList<>();
                if (now != null) {
                    for (CaseEvent event : builder.events) {
                        try {
                            take(event, dirty);
                        } catch (InputException e) {
                            refused.add(e);
                        }
                    }
                }
                if (!refused.isEmpty()) {
                    // Nothing was reported: the caller builds again, without the events or with them corrected.
                    if (timerThread != null) {
                        timerThread.shutdownNow();
                    }
                    metrics.close();
                    throw refused(refused, builder.events.size(), "the monitor was not built");
                }
                if (now != null) {
                    stop(now, dirty, true);
                }
            }
            schedule();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            // As for a refused event: nothing is built, the caller builds again without the events or the rule.
            if (timerThread != null) {
                timerThread.shutdownNow();
            }
            metrics.close();
            throw failure;
        }
        if (clock instanceof MonitorClock.Manual manual) {
            this.manualHook = instant -> runLocked(() -> advance(instant.withOffsetSameInstant(offset)));
            manual.attach(manualHook);
        } else {
            this.manualHook = null;
        }
    }

    /**
     * A builder of a monitor of an engine's rules.
     *
     * @param engine the engine whose rules the monitor runs, and whose event types its snapshots name
     * @return a builder with the defaults each of its methods names
     * @throws NullPointerException if {@code engine} is {@code null}
     */
    public static Builder builder(ComplianceEngine engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    // ---- what comes in ----

    /**
     * An event, as it happens. An event the clock has not reached yet waits for it; one the monitor has seen already
     * counts once; one that comes later than the out-of-order bound is still evaluated (the answer may change what
     * was reported, with a {@link Transition.Kind#REOPENED} or {@link Transition.Kind#WITHDRAWN}) and counted as late.
     *
     * @param event the event
     * @throws InputException        the event's id is used by a different event the monitor holds, or it states a
     *                               jurisdiction other than one an event of its case holding or waiting states (a
     *                               case arises in one): it is refused, and the case goes on without it
     * @throws org.niyam.compliance.pack.RuleExecutionException a rule failed as the event was evaluated, naming the
     *                               rule, and for a case's rules the case and its events (a restricted pack's loop
     *                               past the engine's step limit, among others); under event time, from the call
     *                               that moves the watermark past the event. Thrown once the call has done the rest:
     *                               the other cases' transitions reported, the clock moved; the failed case keeps
     *                               what was last reported of it until its next event or timer
     * @throws IllegalStateException the monitor is closed
     */
    public void accept(CaseEvent event) {
        acceptAll(List.of(Objects.requireNonNull(event, "event")));
    }

    /**
     * Events, as {@link #accept}, evaluated together: cheaper than one at a time when many come at once.
     *
     * @param events the events, in any order
     * @throws InputException an event's id is used by a different event the monitor holds (or held, in a case that
     *                        left), or an event states another jurisdiction than its case's (as {@link #accept});
     *                        every other event of the batch is taken and evaluated all the same; for a
     *                        batch of more than one, the exception says how many of how many were refused, its
     *                        cause is the first refusal and its suppressed exceptions are every refusal, in the
     *                        batch's order
     * @throws NullPointerException  {@code events}, or one of them, is {@code null} (nothing is taken)
     * @throws IllegalStateException the monitor is closed
     */
    public void acceptAll(Collection<? extends CaseEvent> events) {
        List<CaseEvent> batch = batch(events, "events");
        runLocked(() -> {
            requireOpen();
            OffsetDateTime instant = clockNow(batch);
            // Under event time the batch itself moves the clock: its events wait first, and the advance below
            // evaluates each at its own instant, with the deadlines between them, as one at a time would. Moving the
            // watermark first would make the batch's older events late, evaluated at the newest one's watermark.
            boolean eventTime = clock instanceof MonitorClock.EventTime;
            if (!eventTime && instant != null && (now == null || instant.isAfter(now))) {
                advance(instant);
            }
            Set<String> dirty = new TreeSet<>();
            List<InputException> refused = new ArrayList<>();
            for (CaseEvent event : batch) {
                try {
                    take(event, dirty);
                } catch (InputException e) {
                    refused.add(e); // the batch's other events are taken all the same
                }
            }
            if (!dirty.isEmpty()) {
                stop(now, dirty, false);
            }
            if (eventTime && latestSeen != null) {
                advance(latestSeen.minus(outOfOrder).withOffsetSameInstant(offset));
            }
            schedule();
            if (!refused.isEmpty()) {
                throw refused(refused, batch.size(), "the others taken");
            }
        });
    }

    /** The exception for events of a batch refused: the one refused, or how many were, and the first. */
    private static InputException refused(List<InputException> refused, int of, String others) {
        if (of == 1) {
            return refused.get(0);
        }
        InputException all = new InputException("monitor", 0, "id", refused.size() + " of the batch's " + of
                + " events " + (refused.size() == 1 ? "was" : "were") + " refused and " + others + "; the first: "
                + refused.get(0).problem(), refused.get(0));
        refused.forEach(all::addSuppressed);
        return all;
    }

    /**
     * A record of the platform (a pack's {@link Platform} type): every duty that reads it is assessed again. One
     * without {@code from} replaces the whole history of its type (it holds from the start); one with {@code from}
     * joins it, holding from that instant until the next record's (replacing a record of its type given before from
     * the same instant), so that a platform crossing a threshold of users is bound by more duties from that day on,
     * not for the time before. Records of other types stay. Under a wall or manual clock the monitor first moves to
     * the clock's instant, reporting in order what fell due up to it, and judges the change there (under event time,
     * at the watermark).
     *
     * @param profile the record
     * @throws IllegalArgumentException if it does not fit the history (see {@link Platform#joined})
     * @throws NullPointerException     if {@code profile} is {@code null}
     * @throws IllegalStateException    the monitor is closed
     */
    public void platform(Platform profile) {
        platforms(List.of(Objects.requireNonNull(profile, "profile")));
    }

    /**
     * Records of the platform given together: each joins the history as {@link #platform} joins it, in the order
     * given, and the duties that read them are assessed again once, after the last. A record without {@code from}
     * given with records of its type with {@code from} (the history as a log gives it) is judged with them, never
     * alone, so no verdict is reported under it alone and then corrected.
     *
     * @param records the records, in order
     * @throws IllegalArgumentException if one does not fit the history (nothing is taken then)
     * @throws NullPointerException     if {@code records}, or one of them, is {@code null}
     * @throws IllegalStateException    the monitor is closed
     */
    public void platforms(List<? extends Platform> records) {
        List<Platform> given = List.copyOf(records);
        runLocked(() -> {
            requireOpen();
            List<Platform> joined = profiles;
            for (Platform record : given) {
                joined = Platform.joined(joined, record);
            }
            toTheClock();
            profiles = joined;
            named = null;
            contextChanged();
        });
    }

    /** {@return the platform's records, a history per type in time order; empty when none was given} */
    public List<Platform> profiles() {
        return locked(() -> Platform.history(profiles));
    }

    /**
     * A standing fact (an officer's appointment, for one), new or changed (same type and id), from now on: duties
     * that read it are assessed again, and again at each instant it names ({@link StandingFact#changesAt()}). As for
     * {@link #platform}, under a wall or manual clock they are assessed at the clock's instant, after what fell due
     * before it. To give several that change together, give them to {@link #facts} in one call.
     *
     * @param fact the fact; one of its type and id given before is replaced by it
     * @throws NullPointerException  if {@code fact} is {@code null}
     * @throws IllegalStateException the monitor is closed
     */
    public void fact(StandingFact fact) {
        facts(List.of(Objects.requireNonNull(fact, "fact")));
    }

    /**
     * Standing facts given together, as one change: each replaces the fact of its type and id given before, as
     * {@link #fact} does, in the order given (of two with one type and id, the later holds), and the duties that read
     * them are assessed again once, after the last. So a post handed over (the old appointment given again with its
     * {@code to}, then the new one from that instant) is never judged with the first alone, which would report it
     * vacant and then filled at the same instant. An empty list changes nothing.
     *
     * <pre>{@code
     * monitor.facts(List.of(oldAppointmentEndingNow, newAppointmentFromNow)); // one assessment, no vacancy
     * }</pre>
     *
     * @param given the facts, in order
     * @throws NullPointerException  if {@code given}, or one of them, is {@code null} (nothing is taken)
     * @throws IllegalStateException the monitor is closed
     */
    public void facts(List<? extends StandingFact> given) {
        List<StandingFact> batch = batch(given, "facts");
        runLocked(() -> {
            requireOpen();
            if (batch.isEmpty()) {
                return;
            }
            toTheClock();
            for (StandingFact fact : batch) {
                facts.put(factKey(fact), fact);
            }
            named = null;
            contextChanged();
        });
    }

    /**
     * Moves an event-time clock on without an event (a heartbeat from a quiet source), reporting what falls due up
     * to the instant. The watermark only moves on: an instant at or before it (a heartbeat from a source that lags
     * another) changes nothing and is no error.
     *
     * @param instant the source's time, as its events tell it
     * @throws IllegalStateException the monitor's clock is not {@link MonitorClock#eventTime()}, or the monitor is
     *                               closed
     */
    public void advanceTo(OffsetDateTime instant) {
        Objects.requireNonNull(instant, "instant");
        if (!(clock instanceof MonitorClock.EventTime)) {
            throw new IllegalStateException("advanceTo is for an event-time clock; this monitor's time is "
                    + (clock instanceof MonitorClock.Wall ? "the wall clock's" : "its manual clock's: set the clock"));
        }
        runLocked(() -> {
            requireOpen();
            advance(instant.withOffsetSameInstant(offset));
            schedule();
        });
    }

    /**
     * For event time: the input has ended (a replayed log is read to its end). Evaluates the events still waiting for
     * the watermark, as of the latest event, and no later: obligations still running then stay open or at risk; the
     * end of the input is not the passing of their deadlines.
     *
     * @throws IllegalStateException the monitor is closed, or its time is a manual or the wall clock's, which judges
     *                               the events that wait when it reaches their instants
     */
    public void endOfInput() {
        if (!(clock instanceof MonitorClock.EventTime)) {
            throw new IllegalStateException("endOfInput is for an event-time clock; this monitor's time is "
                    + (clock instanceof MonitorClock.Wall ? "the wall clock's" : "its manual clock's")
                    + ", which judges the events that wait when it reaches their instants");
        }
        runLocked(() -> {
            requireOpen();
            if (latestSeen != null) {
                advance(latestSeen.withOffsetSameInstant(offset));
            }
        });
    }

    // ---- what can be asked ----

    /**
     * {@return the monitor's instant: the clock's, or for event time the watermark} {@code null} for event time
     * before any event.
     */
    public OffsetDateTime now() {
        return locked(() -> now);
    }

    /**
     * Every obligation with something still to settle (open, at risk, breached, indeterminate), platform first, then
     * by case, trigger and id, each as of its last transition.
     *
     * @return the obligations not yet ended; a new list
     */
    public List<Obligation> open() {
        return locked(() -> {
            refreshStanding();
            Report unreported = unreportedPlatform();
            List<Obligation> result = new ArrayList<>();
            if (unreported != null) {
                unreported.obligations().stream().filter(o -> !CaseTracker.ended(o)).forEach(result::add);
            }
            for (Tracks tracks : allTracks()) {
                for (CaseTracker.Held tracked : tracks.obligations.values()) {
                    if (!CaseTracker.ended(tracked.obligation())) {
                        result.add(tracked.obligation());
                    }
                }
            }
            Evaluation.sortForReport(result);
            return result;
        });
    }

    /**
     * Every obligation and finding the monitor holds at its instant: those of cases with something to settle, and
     * of ended cases it has not let go yet. For a monitor that has let no case go, this is the report {@link
     * ComplianceEngine#evaluate} gives for everything accepted, at {@link #now()}, but for explanations, which are
     * as of each obligation's last transition.
     *
     * @return the report as of {@link #now()} (the epoch, before the monitor has an instant)
     */
    public Report report() {
        return locked(() -> {
            refreshStanding();
            List<Obligation> obligations = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            Report unreported = unreportedPlatform();
            if (unreported != null) {
                obligations.addAll(unreported.obligations());
                findings.addAll(unreported.findings());
            }
            for (Tracks tracks : allTracks()) {
                tracks.obligations.values().forEach(t -> obligations.add(t.obligation()));
                findings.addAll(tracks.findings.values());
            }
            Evaluation.sortForReport(obligations);
            Evaluation.sortFindings(findings);
            return new Report(now == null ? OffsetDateTime.ofInstant(java.time.Instant.EPOCH, offset) : now,
                    obligations, findings);
        });
    }

    /**
     * The open obligations that fall due soonest, soonest first (ties by id): what to work on next.
     *
     * @param count how many at most, not negative
     * @return up to {@code count} obligations, open or at risk, with a due instant
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public List<Obligation> dueNext(int count) {
        return dueNext(count, null);
    }

    /**
     * As {@link #dueNext(int)}, for one clause.
     *
     * @param count  how many at most, not negative
     * @param clause the clause as the citations give it ({@code Rule 3(1)(d)}), or {@code null} for every clause
     * @return up to {@code count} obligations of that clause, open or at risk, soonest due first
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public List<Obligation> dueNext(int count, String clause) {
        if (count < 0) {
            throw new IllegalArgumentException("count cannot be negative: " + count);
        }
        return open().stream()
                .filter(o -> o.dueAt() != null && (o.status() == Status.OPEN || o.status() == Status.AT_RISK))
                .filter(o -> clause == null || clause.equals(o.citation().clause()))
                .sorted(Comparator.comparing((Obligation o) -> o.dueAt().toInstant()).thenComparing(Obligation::id))
                .limit(count)
                .toList();
    }

    /**
     * {@return why this monitor evaluates all it holds in one session} {@code null} while it runs case by case.
     */
    public String oneSessionReason() {
        return locked(() -> oneSession);
    }

    // ---- snapshot ----

    /**
     * The monitor's whole state, as bytes (JSON) to keep with the position of the source it reads. A monitor built
     * with {@link Builder#restore} from them under event time, then given the events after that position, reports
     * exactly the transitions this one would have: none lost, none repeated. Under a manual or wall clock the
     * restored monitor is at the clock's instant before it has the events of the downtime; to judge those by their
     * own time, restore under {@link MonitorClock#eventTime()}, give them, {@link #advanceTo} the clock's instant,
     * and restore a snapshot of that under the clock.
     *
     * @return the snapshot, as UTF-8 JSON
     * @throws UncheckedIOException if the state cannot be written
     */
    public byte[] snapshot() {
        return locked(() -> {
            MonitorSnapshot snapshot = new MonitorSnapshot(MonitorSnapshot.FORMAT, now, latestSeen, earliest, profiles,
                    List.copyOf(facts.values()), new ArrayList<>(pending), List.copyOf(shared),
                    snapshotOf(platformTracks), cases.values().stream().map(ComplianceMonitor::snapshotOf)
                    .sorted(Comparator.comparing(MonitorSnapshot.Case::caseId)).toList(),
                    retiredLeftovers.stream().map(CaseTracker.Leftover::of).toList(),
                    null, new TreeMap<>(left), lastGlobalCheck, oneSession, contextChanged, rules());
            try {
                return snapshots.writeValueAsBytes(snapshot);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the monitor's snapshot: " + e.getMessage(), e);
            }
        });
    }

    /**
     * {@return the fingerprint of the engine's packs, computed once: their DRL, what their pack.yaml and the
     * engine's settings make of them (versions, jurisdictions, the parameters' values in force), and the engine's
     * other options that change verdicts ({@link ComplianceEngine#verdictOptions})}
     */
    private String rules() {
        if (rules == null) {
            StringBuilder packs = new StringBuilder(ExecutableModels.fingerprint(engine.rulePacks()));
            for (RulePack pack : engine.rulePacks()) {
                packs.append('\n').append(pack.id()).append(' ').append(pack.restricted()).append(' ')
                        .append(pack.versions()).append(' ').append(pack.jurisdictions());
            }
            packs.append('\n').append(new TreeMap<>(evaluation.ruleBase().parameters()));
            packs.append('\n').append(engine.verdictOptions());
            try {
                rules = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(packs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }
        return rules;
    }

    /** Snapshots' JSON: compact, with the events under the names of the engine's event types. */
    private static final ObjectMapper PLAIN = Mappers.configure(new ObjectMapper());
    private static final Map<EventTypes, ObjectMapper> SNAPSHOTS = new ConcurrentHashMap<>();

    private static ObjectMapper snapshots(ComplianceEngine engine) {
        return SNAPSHOTS.computeIfAbsent(engine.eventTypes(), types -> Mappers.withEventTypes(PLAIN, types));
    }

    private static MonitorSnapshot.Case snapshotOf(Tracks tracks) {
        return new MonitorSnapshot.Case(tracks.caseId, List.copyOf(tracks.events),
                List.copyOf(tracks.obligations.values()),
                List.copyOf(tracks.findings.values()),
                tracks.leftovers.stream().map(CaseTracker.Leftover::of).toList(),
                tracks.retireAt, tracks.earlier);
    }

    private void restore(MonitorSnapshot snapshot) {
        if (snapshot.rules() != null && !snapshot.rules().equals(rules())) {
            // What the old rules' platform session read of the cases that left, and what they concluded, is all the
            // snapshot keeps of those cases: the new rules could not be run over them.
            throw new InputException("snapshot", 0, "rules", "the snapshot was taken by a monitor of other rules "
                    + "than this engine's packs " + engine.rulePacks().stream().map(RulePack::id).toList()
                    + " (another pack, another version of one, the packs in another order, or other options that "
                    + "change verdicts: rules switched off, the at-risk fraction or margin, the default jurisdiction): "
                    + "restore it with an engine built as the one it was taken with, or give a new monitor the events "
                    + "again", null);
        }
        now = snapshot.now();
        latestSeen = snapshot.latestSeen();
        earliest = snapshot.earliest();
        if (!snapshot.profiles().isEmpty()) {
            Platform.history(snapshot.profiles()); // refuses records that do not fit
            profiles = List.copyOf(snapshot.profiles());
        }
        snapshot.facts().forEach(f -> facts.put(factKey(f), f));
        pending.addAll(snapshot.pending());
        snapshot.pending().forEach(this::stating);
        // The events waiting for the clock were taken: another event under one of their ids is refused, and one
        // delivered again is a copy, as before the snapshot.
        snapshot.pending().forEach(e -> heldIds.put(e.id(), e));
        shared.addAll(snapshot.shared());
        restoreTracks(platformTracks, snapshot.platformState());
        platformTracks.obligations.values().forEach(h -> metrics.held(null, h.obligation()));
        for (MonitorSnapshot.Case held : snapshot.cases()) {
            Tracks tracks = new Tracks(held.caseId());
            restoreTracks(tracks, held);
            // The gauge of obligations to settle counts what the snapshot holds, as it did before the snapshot.
            tracks.obligations.values().forEach(h -> metrics.held(null, h.obligation()));
            tracks.events.forEach(e -> heldIds.put(e.id(), e));
            cases.put(held.caseId(), tracks);
            setLeftovers(tracks, tracks.leftovers);
            if (tracks.retireAt != null) {
                timers.add(new Timer(tracks.retireAt, tracks.caseId, true));
            }
        }
        snapshot.retiredLeftovers().forEach(l -> retiredLeftovers.add(l.conclusion()));
        newLeftovers();
        left.putAll(snapshot.left());
        // A snapshot written before cases kept what they had: the case is known to have left, nothing more.
        snapshot.retired().forEach(hash -> left.putIfAbsent(hash, new MonitorSnapshot.Left(snapshot.now(),
                CaseTracker.Earlier.NONE)));
        if (rememberLeft != null) {
            left.entrySet().stream().map(e -> new Forget(e.getKey(), e.getValue().at()))
                    .sorted(Comparator.comparing((Forget f) -> f.at().toInstant()).thenComparing(Forget::caseHash))
                    .forEach(leftOrder::add);
        }
        lastGlobalCheck = snapshot.lastGlobalCheck();
        // An engine that runs one session is watched in one session, whatever the snapshot's monitor did.
        oneSession = oneSession != null ? oneSession : snapshot.oneSession();
        left.values().forEach(l -> leftEvents += l.earlier() == null ? 0 : l.earlier().events().length / 16);
        cases.values().stream().filter(t -> t.earlier != null)
                .forEach(t -> leftEvents += t.earlier.events().length / 16);
        // Exactly as it stood: the platform's rules as of their last check, each timer from what was reported, and
        // whether the platform's rules were due again (before the first event is evaluated they are: the platform's
        // duties are then reported at that event's instant, as by a monitor that did not stop). A snapshot taken
        // before anything was evaluated (the first events waiting for the watermark) has no platform's rules yet.
        boolean evaluated = !platformTracks.obligations.isEmpty() || !platformTracks.findings.isEmpty()
                || !cases.isEmpty() || !left.isEmpty();
        if (lastGlobalCheck != null && evaluated) {
            stopped = true;
            contextChanged = snapshot.contextChanged();
            if (oneSession == null) {
                try {
                    global = evaluation.global(context(lastGlobalCheck), Evaluation.knownAt(shared, lastGlobalCheck),
                            facts(), EvaluationListener.NONE);
                } catch (Evaluation.Unpartitionable e) {
                    contextChanged = true; // the next stop evaluates the platform's rules, in one session if it must
                }
            }
        }
        if (now != null) {
            schedule(platformTracks);
            cases.values().forEach(this::schedule);
        }
        if (clock instanceof MonitorClock.Manual manual && manual.now().isAfter(now)) {
            LOG.debug("restored at {}; the manual clock shows {}", now, manual.now());
        }
    }

    private static void restoreTracks(Tracks tracks, MonitorSnapshot.Case held) {
        tracks.events.addAll(held.events());
        held.obligations().forEach(h -> tracks.obligations.put(h.obligation().id(), h));
        held.findings().forEach(f -> tracks.findings.put(CaseTracker.findingId(f), f));
        tracks.leftovers = held.leftovers().stream().map(CaseTracker.Leftover::conclusion).toList();
        tracks.retireAt = held.retireAt();
        tracks.earlier = held.earlier();
    }

    /**
     * Stops the monitor's timer thread and detaches it from a manual clock. What it holds is kept for queries
     * ({@link #open()}, {@link #report()}, {@link #snapshot()}), as of the last instant it reached; it takes nothing
     * more: {@link #accept}, {@link #acceptAll}, {@link #platform}, {@link #fact}, {@link #advanceTo} and
     * {@link #endOfInput} throw {@link IllegalStateException}, since a closed monitor would report no deadline that
     * passes. Closing again does nothing.
     */
    @Override
    public void close() {
        runLocked(() -> closed = true);
        if (timerThread != null) {
            timerThread.shutdownNow();
        }
        if (clock instanceof MonitorClock.Manual manual) {
            manual.detach(manualHook);
        }
        metrics.close();
    }

    // ---- the work ----

    /** Refuses input to a closed monitor, whose deadlines would pass unreported. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the monitor is closed: it takes no more events or facts, since it would "
                    + "report no deadline that passes; build another (ComplianceMonitor.builder(engine)"
                    + ".restore(snapshot)) to go on");
        }
    }

    private void runLocked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs a call's work under the lock. A rule that failed in a case's session is thrown when the call's work is
     * done (the other cases' transitions reported, the batch taken, the clock moved), so that nothing but that case is
     * left behind; a conclusion crossing cases that escaped the fallback is said as the rules' failure it is.
     */
    private <T> T locked(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            T result = work.get();
            RuleExecutionException failed = failure;
            if (failed != null) {
                failure = null;
                throw failed;
            }
            return result;
        } catch (Evaluation.Unpartitionable e) {
            throw new RuleExecutionException(null, "the rules could not be evaluated case by case nor in one "
                    + "session: " + e.getMessage(), null);
        } finally {
            failure = null;
            lock.unlock();
        }
    }

    /** The instant a wall or manual clock shows; {@code null} for event time, which has no clock to read. */
    private OffsetDateTime clockReading() {
        if (clock instanceof MonitorClock.Wall wall) {
            return wall.now(offset);
        }
        if (clock instanceof MonitorClock.Manual manual) {
            return manual.now().withOffsetSameInstant(offset);
        }
        return null;
    }

    /**
     * Under a wall or manual clock, moves the monitor to the clock's instant, reporting in order what fell due up to
     * it, so that a change of the platform's facts given now is judged, and its transitions stamped, now: not at the
     * instant of the last event (the wall clock's thread wakes only when something falls due). A restored monitor
     * whose manual clock was set on meanwhile catches up the same way.
     */
    private void toTheClock() {
        OffsetDateTime instant = clockReading();
        if (instant != null && (now == null || instant.isAfter(now))) {
            advance(instant);
        }
    }

    /** The clock's instant for a call bringing these events; for event time, the watermark they move it to. */
    private OffsetDateTime clockNow(List<CaseEvent> batch) {
        OffsetDateTime reading = clockReading();
        if (reading != null) {
            return reading;
        }
        for (CaseEvent event : batch) {
            if (latestSeen == null || event.at().isAfter(latestSeen)) {
                latestSeen = event.at();
            }
        }
        if (latestSeen == null) {
            return null;
        }
        OffsetDateTime watermark = latestSeen.minus(outOfOrder).withOffsetSameInstant(offset);
        if (now == null) {
            // The first events: start the clock just before the earliest of them, so that each is evaluated in turn.
            OffsetDateTime first = batch.stream().map(CaseEvent::at).min(Comparator.comparing(OffsetDateTime::toInstant))
                    .orElse(watermark).minusNanos(1_000_000).withOffsetSameInstant(offset);
            // With a period given, the clock starts at its start (however small the bound), so that the platform's
            // standing duties are judged from there before the first events, as the audit judges them over the
            // period; but never before the law begins (a period from 1970), where no rule can be evaluated.
            OffsetDateTime from = since == null ? first : latest(lawStart, since).withOffsetSameInstant(offset);
            now = first.isBefore(from) ? first : from;
            lastGlobalCheck = now;
            if (now.isBefore(first)) {
                stop(now, new TreeSet<>(), true); // the standing duties at the period's start, as a clock's start
            }
            return null;
        }
        return watermark;
    }

    /** A copy of what a call was given together, refused whole when it, or one of its items, is null. */
    private static <T> List<T> batch(Collection<? extends T> given, String name) {
        List<T> batch = new ArrayList<>(Objects.requireNonNull(given, name));
        int missing = batch.indexOf(null);
        if (missing >= 0) {
            throw new NullPointerException(name + "[" + missing + "] is null: nothing of the batch was taken");
        }
        return batch;
    }

    /** The later of two instants, either of which may be {@code null}. */
    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }

    /** Takes one event: a copy counts once; one the clock has reached joins its case, a later one waits. */
    private void take(CaseEvent event, Set<String> dirty) {
        CaseEvent twin = heldIds.get(event.id());
        if (twin != null) {
            if (!twin.equals(event)) {
                metrics.event("rejected");
                throw new InputException("monitor", 0, "id", Evaluation.twoEvents(twin, event)
                        + "; the first is kept", null);
            }
            metrics.event("duplicate");
            return;
        }
        Tracks held = cases.get(event.caseId());
        MonitorSnapshot.Left gone = held != null ? null : left.get(LongSet.hash(event.caseId()));
        CaseTracker.Earlier earlier = held != null ? held.earlier : gone == null ? null : gone.earlier();
        switch (tracker.seen(earlier, event)) {
            case AGAIN -> {
                // A source that delivers again an event of a case that has left since (or came back since).
                LOG.debug("event {} of case {} came again after the case had left the monitor", event.id(),
                        event.caseId());
                metrics.event("duplicate");
                return;
            }
            case CONFLICT -> {
                metrics.event("rejected");
                throw new InputException("monitor", 0, "id", "event id '" + event.id() + "' was used by another "
                        + "event of case " + event.caseId() + " before the case left the monitor: " + event, null);
            }
            default -> {
            }
        }
        if (event.jurisdiction() != null) {
            List<CaseEvent> ofCase = new ArrayList<>(held == null ? List.of() : held.events);
            CaseEvent waiting = pendingStating.get(event.caseId());
            if (waiting != null) {
                ofCase.add(waiting);
            }
            InputException other = CaseTracker.otherJurisdiction(ofCase, event);
            if (other != null) {
                metrics.event("rejected");
                throw other;
            }
        }
        heldIds.put(event.id(), event);
        if (earliest == null || event.at().isBefore(earliest)) {
            boolean moved = earliest != null && since == null;
            earliest = event.at();
            // The period watched starts at the earliest event, unless given: recurring duties are assessed again,
            // and so are the held cases when case-local rules read the period (a complaint in its first hour).
            contextChanged |= since == null;
            if (moved && localReadsPeriod) {
                dirty.addAll(cases.keySet());
            }
        }
        if (now != null && !event.at().isAfter(now)) {
            boolean late = clock instanceof MonitorClock.EventTime ? event.at().isBefore(now)
                    : event.at().isBefore(now.minus(outOfOrder));
            metrics.event(late ? "late" : "accepted");
            if (late) {
                LOG.debug("event {} at {} came after the out-of-order bound (monitor at {})", event.id(), event.at(), now);
            }
            join(event, dirty);
        } else {
            metrics.event("accepted");
            pending.add(event);
            stating(event);
        }
    }

    /** Notes a pending event that states a jurisdiction, if its case has none pending yet. */
    private void stating(CaseEvent event) {
        if (event.jurisdiction() != null) {
            pendingStating.putIfAbsent(event.caseId(), event);
        }
    }

    private void join(CaseEvent event, Set<String> dirty) {
        MonitorSnapshot.Left gone = cases.containsKey(event.caseId()) ? null
                : left.remove(LongSet.hash(event.caseId()));
        // The case comes back: the next stop says so, in a finding (CaseTracker.cameBack), where the instant it
        // left is kept (a snapshot written before it was kept gives it with the case's Left record).
        CaseTracker.Earlier earlier = gone == null ? null
                : (gone.earlier() == null ? CaseTracker.Earlier.NONE : gone.earlier()).leftAt(gone.at());
        Tracks tracks = cases.computeIfAbsent(event.caseId(), Tracks::new);
        if (earlier != null) {
            tracks.earlier = earlier;
        }
        tracks.events.add(event);
        tracks.events.sort(Evaluation.EVENT_ORDER);
        tracks.retireAt = null;
        if (evaluation.shared(event)) {
            shared.add(event);
            contextChanged = true;
            prepared = null; // the platform's rules read it: an evaluation prepared without it is stale
        }
        dirty.add(event.caseId());
    }

    private void contextChanged() {
        contextChanged = true;
        if (now != null) {
            stop(now, new TreeSet<>(cases.keySet()), true);
        }
        schedule();
    }

    /** Runs everything that falls due up to {@code until}, instant by instant, then sets the clock there. */
    private void advance(OffsetDateTime until) {
        if (now == null) {
            now = until;
            lastGlobalCheck = until;
            stop(until, new TreeSet<>(), true);
            return;
        }
        while (true) {
            OffsetDateTime next = nextEventOrTimer();
            boolean quiet = next == null || next.isAfter(until);
            // Up to the next event, timer or named instant (or to the instant asked), nothing happens but time. When
            // the standing duties are due a check by then and they changed in between (a month ended in a quiet
            // stretch of event time), the monitor stops first at the instant they changed, so that what comes after
            // it (the kernel's timers, an appointment ending) comes in its place and in time order, as with a check
            // at least every standingDutyCheck. The check is made at the instant as the stop there sees it (at the
            // monitor's offset, not the event's), so that the stop takes its evaluation and report as they are.
            OffsetDateTime bound = (quiet ? until : next).withOffsetSameInstant(offset);
            OffsetDateTime check = nextStandingCheck();
            if (check != null && !check.isAfter(bound) && bound.isAfter(now)) {
                OffsetDateTime changed = firstStandingChange(bound);
                if (changed != null && changed.isBefore(bound)) {
                    stop(changed, new TreeSet<>(), true, false);
                    continue;
                }
            }
            if (quiet) {
                if (check != null && !check.isAfter(until) && until.isAfter(now)) {
                    stop(until, new TreeSet<>(), false);
                }
                prepared = null;
                break;
            }
            OffsetDateTime at = next.isBefore(now) ? now : next.withOffsetSameInstant(offset);
            Set<String> dirty = new TreeSet<>();
            boolean platformDue = false;
            forgetLeft(at);
            while (!pending.isEmpty() && !pending.peek().at().isAfter(at)) {
                CaseEvent due = pending.poll();
                pendingStating.remove(due.caseId(), due); // its case holds it now
                join(due, dirty);
            }
            while (!timers.isEmpty() && !timers.peek().at().isAfter(at)) {
                Timer timer = timers.poll();
                if (timer.retire()) {
                    retire(timer);
                } else if (timer.caseId().equals(PLATFORM)) {
                    platformDue |= timer.at().equals(platformTracks.next);
                } else {
                    Tracks tracks = cases.get(timer.caseId());
                    if (tracks != null && timer.at().equals(tracks.next)) {
                        dirty.add(timer.caseId());
                    }
                }
            }
            stop(at, dirty, platformDue);
        }
        if (until.isAfter(now)) {
            now = until;
        }
        forgetLeft(now);
    }

    /** When the wall clock's thread must wake next: something falls due, or the standing duties are checked. */
    private OffsetDateTime nextStop() {
        OffsetDateTime next = nextEventOrTimer();
        OffsetDateTime check = nextStandingCheck();
        return next == null || check != null && check.isBefore(next) ? check : next;
    }

    /** The next pending event, kernel timer, or instant the platform's facts or the law name. */
    private OffsetDateTime nextEventOrTimer() {
        OffsetDateTime next = null;
        if (lastGlobalCheck != null) {
            for (OffsetDateTime named : namedInstants()) {
                if (named.isAfter(lastGlobalCheck) && (next == null || named.isBefore(next))) {
                    next = named;
                }
            }
        }
        if (!pending.isEmpty() && (next == null || pending.peek().at().isBefore(next))) {
            next = pending.peek().at();
        }
        while (!timers.isEmpty() && !valid(timers.peek())) {
            timers.poll();
        }
        if (!timers.isEmpty() && (next == null || timers.peek().at().isBefore(next))) {
            next = timers.peek().at();
        }
        return next;
    }

    private boolean valid(Timer timer) {
        if (timer.caseId().equals(PLATFORM)) {
            return timer.at().equals(platformTracks.next);
        }
        Tracks tracks = cases.get(timer.caseId());
        return tracks != null && timer.at().equals(timer.retire() ? tracks.retireAt : tracks.next);
    }

    /** When the standing duties are due to be assessed again with nothing else happening. */
    private OffsetDateTime nextStandingCheck() {
        return lastGlobalCheck == null ? null : lastGlobalCheck.plus(standingCheck);
    }

    /** Whether an instant the facts or the law name lies in (from, now]. */
    private boolean namedSince(OffsetDateTime from) {
        if (from == null) {
            return true;
        }
        for (OffsetDateTime named : namedInstants()) {
            if (named.isAfter(from) && !named.isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Instants at which a standing duty may change without an event: the standing facts' (an appointment's start and
     * end), the platform's records' bounds and the law's dates.
     */
    private List<OffsetDateTime> namedInstants() {
        // Asked at every stop: computed again only when the facts change.
        if (named != null) {
            return named;
        }
        this.named = StandingOverPeriod.namedInstants(facts.values(), profiles, evaluation.ruleBase());
        return this.named;
    }

    /**
     * Under event time before the first stop (the first events wait for the watermark): the platform's obligations
     * and findings at the monitor's instant, as {@code evaluate} gives them, not reported (they are reported with
     * the first event, at its instant); otherwise null.
     */
    private Report unreportedPlatform() {
        if (!(clock instanceof MonitorClock.EventTime) || stopped || now == null || oneSession != null) {
            return null;
        }
        try {
            Evaluation.Global g = evaluation.global(context(now), Evaluation.knownAt(shared, now), facts(),
                    EvaluationListener.NONE);
            return platformAt(g, new HashSet<>(), now);
        } catch (Evaluation.Unpartitionable e) {
            return null; // the first stop evaluates it, in one session if it must, and reports it
        }
    }

    /**
     * Assesses the standing duties at the monitor's instant if they may have changed since they last were. Under
     * event time, not before the first stop: the first events wait for the watermark, and the platform's duties are
     * first reported at the first event's instant, whether or not someone asked in between.
     */
    private void refreshStanding() {
        if (clock instanceof MonitorClock.EventTime && !stopped) {
            return;
        }
        if (now != null && (lastGlobalCheck == null || now.isAfter(lastGlobalCheck) || contextChanged)) {
            stop(now, new TreeSet<>(), true);
        }
    }

    private List<Object> context(OffsetDateTime at) {
        OffsetDateTime start = since != null ? since : earliest != null && earliest.isBefore(at) ? earliest : at;
        return evaluation.context(profiles, List.copyOf(facts.values()), start, at);
    }

    /** The key a standing fact is kept by: its class and its id. */
    private static List<Object> factKey(StandingFact fact) {
        return List.of(fact.getClass(), fact.id());
    }

    /**
     * The facts an evaluation of everything accepted at the monitor's instant holds, as {@code evaluate} counts them
     * for its firing limit: the context, the events held (not those waiting for the clock) and those of the cases
     * that left.
     */
    private long facts() {
        return Platform.history(profiles).size() + facts.size() + 2L + heldIds.size() - pending.size() + leftEvents;
    }

    /** A listener counting the firings of one session (each session runs on one thread). */
    private static final class Firings implements EvaluationListener {
        long count;

        @Override
        public void ruleFired(String ruleId) {
            count++;
        }
    }

    /**
     * Evaluates at one instant: the standing duties when due or forced, the given cases, then the platform's
     * obligations if anything they rest on changed; reports the differences.
     */
    private void stop(OffsetDateTime at, Set<String> dirty, boolean forceStanding) {
        stop(at, dirty, forceStanding, true);
    }

    /**
     * The first instant in (now, until] at which the platform's report differs from what was last reported of it,
     * found by bisection to the millisecond, or null when it does not differ at {@code until}. Only for a stretch
     * with no event nor kernel timer in it, where nothing but the standing duties can change.
     */
    private OffsetDateTime firstStandingChange(OffsetDateTime until) {
        try {
            if (oneSession != null || global == null || contextChanged || !platformDiffers(until)) {
                return null;
            }
        } catch (Evaluation.Unpartitionable e) {
            // Past the firing limit in the platform's session alone: the stop at the end of the stretch runs it, and
            // falls back to one session there, as for any stop.
            prepared = null;
            return null;
        }
        long low = now.toInstant().toEpochMilli();
        long high = until.toInstant().toEpochMilli();
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (platformDiffersAt(OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(middle), offset))) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(high), offset);
    }

    /** {@link #platformDiffers}, as differing when the platform's rules cannot be evaluated apart at that instant. */
    private boolean platformDiffersAt(OffsetDateTime at) {
        try {
            return platformDiffers(at);
        } catch (Evaluation.Unpartitionable e) {
            prepared = null;
            return true;
        }
    }

    /** Whether the platform's obligations (id, status) or findings at {@code at} differ from those last reported. */
    private boolean platformDiffers(OffsetDateTime at) {
        Firings firings = new Firings();
        Evaluation.Global g = evaluation.global(context(at), Evaluation.knownAt(shared, at), facts(), firings);
        prepared = g;
        preparedFirings = firings.count;
        preparedAt = at;
        Report report = platformAt(g, new HashSet<>(), at);
        // Compared as they are recorded, by id: two equal findings (a rule firing twice on the same evidence) are one
        // finding reported once. Counting them apart made every instant differ, and the search for the first change
        // stepped a millisecond at a time through the stretch: the monitor made no progress for hours.
        Map<String, Status> obligations = new HashMap<>();
        report.obligations().forEach(o -> obligations.put(o.id(), o.status()));
        if (obligations.size() != platformTracks.obligations.size()) {
            return true;
        }
        for (Map.Entry<String, Status> obligation : obligations.entrySet()) {
            CaseTracker.Held held = platformTracks.obligations.get(obligation.getKey());
            if (held == null || held.obligation().status() != obligation.getValue()) {
                return true;
            }
        }
        Set<String> findings = new HashSet<>();
        report.findings().forEach(f -> findings.add(CaseTracker.findingId(f)));
        return !findings.equals(platformTracks.findings.keySet());
    }

    /**
     * Evaluates at {@code at}: the dirty cases, the platform's rules when due (or {@code forceStanding}), and the
     * platform's report; {@code dateChanges}: a change of a standing duty found by a check after a stretch of time is
     * dated by bisection (not when {@code at} is already the instant it changed).
     */
    private void stop(OffsetDateTime at, Set<String> dirty, boolean forceStanding, boolean dateChanges) {
        now = at.isAfter(now) ? at : now;
        // The check of firstStandingChange at this very instant, when there was one: the same evaluation.
        Evaluation.Global ready = prepared != null && now.equals(preparedAt) ? prepared : null;
        prepared = null;
        List<Object> context = context(now);
        List<Transition> out = new ArrayList<>();
        if (oneSession != null) {
            allInOneSession(context, out);
            emit(out);
            return;
        }
        // One total of steps for this assessment's sessions, the platform's and the cases', on every thread.
        StepTotal total = evaluation.stepTotal(facts());
        try {
            boolean named = namedSince(lastGlobalCheck);
            if (named && (localReadsLaw || localReadsPeriod)) {
                // A law's value (or a standing fact's bound) changed: case-local rules reading the law in force or the
                // period at their instant are run again, as evaluate as of now runs them.
                dirty.addAll(cases.keySet());
            }
            boolean standingDue = forceStanding || global == null || contextChanged
                    || !now.isBefore(nextStandingCheck()) || named;
            Evaluation.Global previousGlobal = global;
            OffsetDateTime previousCheck = lastGlobalCheck;
            boolean eventDriven = contextChanged || global == null;
            // What this stop does not run again fires, in evaluate as of now, as it fired when last run.
            long unchanged = heldFirings + leftFirings + (standingDue ? 0 : globalFirings);
            for (String id : dirty) {
                Tracks tracks = cases.get(id);
                unchanged -= tracks == null ? 0 : tracks.firings;
            }
            total.fired(unchanged);
            if (standingDue) {
                Firings firings = new Firings();
                global = ready != null ? ready
                        : evaluation.global(context, Evaluation.knownAt(shared, now), facts(), total, firings);
                if (ready == null) {
                    globalFirings = firings.count;
                } else {
                    globalFirings = preparedFirings;
                    total.fired(preparedFirings);
                }
                contextChanged = false;
                lastGlobalCheck = now;
                stopped = true;
                // Cases the platform's rules concluded something for get those conclusions in their own session.
                for (Evaluation.Global g : new Evaluation.Global[] {previousGlobal, global}) {
                    if (g != null) {
                        g.forCases().keySet().stream().filter(cases::containsKey).forEach(dirty::add);
                    }
                }
                // Cases a scoped pack's platform rule judged: their own events must confirm the jurisdiction.
                global.judgedCases().stream().filter(cases::containsKey).forEach(dirty::add);
            }
            boolean leftoversChanged = false;
            List<String> ids = new ArrayList<>(dirty);
            Evaluation.Global g = global;
            long evaluationFacts = facts();
            Map<String, RuleExecutionException> failed = new ConcurrentHashMap<>();
            Map<String, Long> fired = new ConcurrentHashMap<>();
            List<Evaluation.Part> parts = evaluation.workers().map(ids, id -> {
                List<CaseEvent> events = cases.get(id).events;
                try {
                    Firings firings = new Firings();
                    Evaluation.Part part = evaluation.part(evaluation.cases(context, events, g, evaluationFacts,
                            total, firings), events, g, now);
                    fired.put(id, firings.count);
                    return part;
                } catch (RuleExecutionException e) {
                    failed.put(id, e); // the other cases are reported; this one keeps what was last reported
                    return null;
                }
            });
            // Every check that may send this stop to one session runs before anything is recorded as reported: a
            // fallback then compares the one session's report with what was reported before this stop, and sends
            // each transition once (diffing first lost the split's transitions at a fallback, or sent an id twice).
            List<Evaluation.Part> done = new ArrayList<>(ids.size());
            List<List<Obligation>> held = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                Tracks tracks = cases.get(ids.get(i));
                Evaluation.Part part = parts.get(i);
                done.add(part);
                if (part == null) {
                    RuleExecutionException e = failed.get(ids.get(i));
                    Evaluation.checkTotal(total); // past the evaluation's total on another case: one session decides
                    if (failure == null) {
                        failure = ofCase(e, tracks);
                    }
                    held.add(tracks.obligations.values().stream().map(CaseTracker.Held::obligation).toList());
                    continue;
                }
                held.add(part.obligations());
                if (!part.leftovers().equals(tracks.leftovers)) {
                    setLeftovers(tracks, part.leftovers());
                    leftoversChanged = true;
                }
            }
            // The platform's report depends on the global evaluation, what the cases concluded about the platform
            // and the instant, and changes with the instant only where the kernel said (platformTracks.next): a
            // case that changed without changing its conclusions about the platform leaves it as it was, and is
            // checked against the obligations it placed last time. (Computing it again for every event made the
            // monitor's cost per event grow with the cases it held.)
            Report platformReport = null;
            if (standingDue || leftoversChanged) {
                Set<String> placed = new HashSet<>();
                platformReport = platformAt(global, placed, now);
                platformPlaced = placed;
            }
            held.forEach(obligations -> Evaluation.checkNotPlaced(obligations, platformPlaced));
            checkNotPlacedInOthers(dirty);
            Evaluation.checkTotal(total);
            // Checked: recorded as reported.
            List<List<Transition>> caseOut = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Tracks tracks = cases.get(ids.get(i));
                Evaluation.Part part = done.get(i);
                if (part == null) {
                    continue;
                }
                long firings = fired.get(ids.get(i));
                heldFirings += firings - tracks.firings;
                tracks.firings = firings;
                List<Transition> changes = new ArrayList<>();
                diff(tracks, part.obligations(), part.findings(), now, changes);
                caseOut.add(changes);
                schedule(tracks);
            }
            if (platformReport != null) {
                boolean timeDriven = standingDue && !eventDriven && !leftoversChanged
                        && previousGlobal != null && previousCheck != null && previousCheck.isBefore(now);
                List<Transition> changes = new ArrayList<>();
                diff(platformTracks, platformReport.obligations(), platformReport.findings(), now, changes);
                if (timeDriven && dateChanges) {
                    changes = dated(changes, previousCheck);
                }
                out.addAll(changes);
                schedule(platformTracks);
            } else if (platformTracks.next != null && !now.isBefore(platformTracks.next)) {
                Report atNow = platformAt(global, new HashSet<>(), now);
                diff(platformTracks, atNow.obligations(), atNow.findings(), now, out);
                schedule(platformTracks);
            }
            caseOut.forEach(out::addAll);
        } catch (Evaluation.Unpartitionable e) {
            oneSession = e.getMessage();
            LOG.warn("the monitor evaluates everything it holds in one session from now on, and keeps every case: {}",
                    e.getMessage());
            out.clear();
            allInOneSession(context, out);
        }
        emit(out);
    }

    /**
     * An obligation the platform's report placed a conclusion on that a held case outside this stop holds (a
     * case-local rule of another case concluded about it) means a conclusion crossed cases, as for the stop's cases.
     * An obligation's id names its trigger event or its case after the {@code @}: looked up, not searched for.
     */
    private void checkNotPlacedInOthers(Set<String> stopped) {
        for (String id : platformPlaced) {
            int at = id.indexOf('@');
            if (at < 0) {
                continue; // a standing duty's: the platform's own
            }
            String after = id.substring(at + 1);
            CaseEvent trigger = heldIds.get(after);
            Tracks holder = cases.get(trigger != null ? trigger.caseId() : after);
            if (holder != null && !stopped.contains(holder.caseId) && holder.obligations.containsKey(id)) {
                throw new Evaluation.Unpartitionable("a rule concluded about obligation " + id + " from another "
                        + "case", true);
            }
        }
    }

    /** A rule's failure in a case's session, saying which case and events it was evaluating. */
    private RuleExecutionException ofCase(RuleExecutionException e, Tracks tracks) {
        List<String> ids = tracks.events.stream().map(CaseEvent::id).toList();
        String events = ids.size() <= 10 ? String.join(", ", ids)
                : String.join(", ", ids.subList(ids.size() - 10, ids.size())) + " and " + (ids.size() - 10)
                + " earlier";
        RuleExecutionException named = new RuleExecutionException(e.ruleId(), e.getMessage() + " (evaluating case "
                + tracks.caseId + " at " + now + ", whose events are " + events + "; the case keeps what was last "
                + "reported of it until its next event)", e.getCause());
        named.setStackTrace(e.getStackTrace());
        return named;
    }

    /**
     * The platform's report at {@code at} of the global conclusions {@code g} and what the cases concluded about the
     * platform; fills {@code placed} (see {@link Evaluation#platform}). The same evaluation asked again at the same
     * instant with the same leftovers (the check of the standing duties, then the stop there) gives the report
     * computed the first time. The leftovers are kept in a list built again only when they change: building it for
     * every report sorted every case held (58% of the monitor's CPU at a2ed97e with a check every minute).
     */
    private Report platformAt(Evaluation.Global g, Set<String> placed, OffsetDateTime at) {
        PlatformReport last = lastPlatform;
        if (last != null && last.global() == g && last.version() == leftoversVersion && last.at().equals(at)) {
            placed.addAll(last.placed());
            return last.report();
        }
        if (allLeftovers == null) {
            List<Evaluation.Conclusion> leftovers = new ArrayList<>(retiredLeftovers);
            caseLeftovers.values().forEach(leftovers::addAll);
            allLeftovers = Collections.unmodifiableList(leftovers);
        }
        Set<String> own = new HashSet<>();
        Report report = evaluation.platform(g, allLeftovers, own, at);
        lastPlatform = new PlatformReport(g, at, leftoversVersion, report, Collections.unmodifiableSet(own));
        placed.addAll(own);
        return report;
    }

    /** Sets a held case's conclusions about the platform (or another case). */
    private void setLeftovers(Tracks tracks, List<Evaluation.Conclusion> leftovers) {
        tracks.leftovers = leftovers;
        if (leftovers.isEmpty()) {
            caseLeftovers.remove(tracks.caseId);
        } else {
            caseLeftovers.put(tracks.caseId, leftovers);
        }
        newLeftovers();
    }

    /** What the cases concluded about the platform changed: the platform's report is computed again. */
    private void newLeftovers() {
        allLeftovers = null;
        leftoversVersion++;
    }

    /**
     * Standing duties that changed with time alone, between two checks: each change is dated by bisection, the
     * first instant at which the duty had its new status.
     */
    private List<Transition> dated(List<Transition> changes, OffsetDateTime from) {
        List<Transition> result = new ArrayList<>(changes.size());
        for (Transition change : changes) {
            if (change.obligation() == null || change.kind() == Transition.Kind.WITHDRAWN) {
                result.add(change);
                continue;
            }
            long low = from.toInstant().toEpochMilli();
            long high = now.toInstant().toEpochMilli();
            Status target = change.obligation().status();
            String id = change.obligation().id();
            while (high - low > 1) {
                long middle = low + (high - low) / 2;
                OffsetDateTime at = OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(middle), offset);
                Evaluation.Global g = evaluation.global(context(at), Evaluation.knownAt(shared, at), facts(),
                        EvaluationListener.NONE);
                Status status = platformAt(g, new HashSet<>(), at).obligations().stream()
                        .filter(o -> o.id().equals(id)).map(Obligation::status).findFirst().orElse(null);
                if (status == target) {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            OffsetDateTime at = OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(high), offset);
            result.add(new Transition(change.id(), change.kind(), at, change.previous(), change.obligation(), null));
        }
        return result;
    }

    /** After a conclusion crossed cases: one session over everything held, the report split by case. */
    private void allInOneSession(List<Object> context, List<Transition> out) {
        List<CaseEvent> events = new ArrayList<>();
        cases.values().forEach(t -> events.addAll(t.events));
        // The cases that left are gone, but the platform's rules read their events as while split (a count of
        // complaints): those events are in the session too, and so are the earlier events of a case that left and
        // came back (it holds only its new ones). What they conclude of their own case was reported before the case
        // left and is not reported again, but for what the platform's report already held.
        Set<String> gone = new HashSet<>();
        Set<String> earlier = new HashSet<>();
        for (CaseEvent event : shared) {
            if (!heldIds.containsKey(event.id())) {
                events.add(event);
                earlier.add(event.id());
                if (!cases.containsKey(event.caseId())) {
                    gone.add(event.caseId());
                }
            }
        }
        Report report = evaluation.oneSession(context, Evaluation.knownAt(events, now), now, EvaluationListener.NONE);
        Map<String, List<Obligation>> obligations = new TreeMap<>();
        Map<String, List<Finding>> findings = new TreeMap<>();
        for (Obligation o : report.obligations()) {
            // Of an earlier stay: triggered by one of its events, or (an assessment) settled by one.
            String by = o.triggerEventId() != null ? o.triggerEventId() : o.dischargeEventId();
            boolean ofEarlier = gone.contains(o.caseId()) || by != null && earlier.contains(by);
            if (ofEarlier && !platformTracks.obligations.containsKey(o.id())) {
                continue;
            }
            String key = o.caseId() == null || !cases.containsKey(o.caseId()) ? PLATFORM : o.caseId();
            obligations.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
        for (Finding f : report.findings()) {
            boolean ofEarlier = gone.contains(f.caseId())
                    || !f.evidence().isEmpty() && earlier.containsAll(f.evidence());
            if (ofEarlier && !platformTracks.findings.containsKey(CaseTracker.findingId(f))) {
                continue;
            }
            String key = f.caseId() == null || !cases.containsKey(f.caseId()) ? PLATFORM : f.caseId();
            findings.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        diff(platformTracks, obligations.getOrDefault(PLATFORM, List.of()), findings.getOrDefault(PLATFORM, List.of()),
                now, out);
        schedule(platformTracks);
        for (String id : new TreeSet<>(cases.keySet())) {
            Tracks tracks = cases.get(id);
            diff(tracks, obligations.getOrDefault(id, List.of()), findings.getOrDefault(id, List.of()), now, out);
            schedule(tracks);
            tracks.retireAt = null; // in one session, the monitor keeps every case
        }
        lastGlobalCheck = now;
        contextChanged = false;
        stopped = true;
    }

    /** Compares what a case (or the platform) has now with what was last reported, and records the differences. */
    private void diff(Tracks tracks, List<Obligation> obligations, List<Finding> findings, OffsetDateTime at,
                      List<Transition> out) {
        CaseTracker.Back back = tracker.cameBack(tracks.caseId, tracks.earlier == null ? CaseTracker.Earlier.NONE
                : tracks.earlier, tracks.events, tracks.obligations, tracks.findings, at, out);
        CaseTracker.Earlier earlier = CaseTracker.diff(tracks.obligations, tracks.findings, obligations,
                back.with(findings), at, back.earlier(), out, metrics::held);
        tracks.earlier = CaseTracker.Earlier.NONE.equals(earlier) ? null : earlier;
    }

    /** Sets the case's next timer, and when everything in it has ended, when it leaves. */
    private void schedule(Tracks tracks) {
        OffsetDateTime next = tracker.nextChange(tracks.obligations, now);
        tracks.next = next;
        if (next != null) {
            timers.add(new Timer(next, tracks.caseId, false));
        }
        if (tracks != platformTracks && oneSession == null) {
            if (tracks.ended() && tracks.retireAt == null) {
                tracks.retireAt = now.plus(retainEnded);
                timers.add(new Timer(tracks.retireAt, tracks.caseId, true));
            } else if (!tracks.ended()) {
                tracks.retireAt = null;
            }
        }
    }

    private void retire(Timer timer) {
        Tracks tracks = cases.get(timer.caseId());
        if (tracks == null || !timer.at().equals(tracks.retireAt) || !tracks.ended() || oneSession != null) {
            return;
        }
        cases.remove(tracks.caseId);
        tracks.events.forEach(e -> heldIds.remove(e.id()));
        leftEvents += tracks.events.size();
        heldFirings -= tracks.firings;
        leftFirings += tracks.firings;
        tracks.obligations.values().forEach(t -> metrics.held(t.obligation(), null));
        if (!tracks.leftovers.isEmpty()) {
            // The platform's report reads them in another place: after the retired cases', not by case id.
            retiredLeftovers.addAll(tracks.leftovers);
            caseLeftovers.remove(tracks.caseId);
            newLeftovers();
        }
        CaseTracker.State state = new CaseTracker.State(tracks.caseId, tracks.events,
                List.copyOf(tracks.obligations.values()), List.copyOf(tracks.findings.values()), tracks.earlier);
        // Every event it holds leaves (each was joined at an instant the clock had reached).
        long hash = LongSet.hash(tracks.caseId);
        left.put(hash, new MonitorSnapshot.Left(timer.at(),
                tracker.left(state, OffsetDateTime.MAX, timer.at()).earlier()));
        if (rememberLeft != null) {
            leftOrder.add(new Forget(hash, timer.at()));
        }
    }

    /** Forgets the cases that left {@link Builder#rememberLeftCases} or longer before {@code at}. */
    private void forgetLeft(OffsetDateTime at) {
        if (rememberLeft == null) {
            return;
        }
        while (!leftOrder.isEmpty() && !leftOrder.peek().at().plus(rememberLeft).isAfter(at)) {
            Forget forget = leftOrder.poll();
            MonitorSnapshot.Left gone = left.get(forget.caseHash());
            // Unless the case came back (and maybe left again) since.
            if (gone != null && gone.at().equals(forget.at())) {
                left.remove(forget.caseHash());
            }
        }
    }

    private void emit(List<Transition> out) {
        VirtualMachineError lastError = null;
        for (Transition transition : out) {
            metrics.transition(transition);
            if (transition.kind() == Transition.Kind.FINDING
                    && CaseTracker.CAME_BACK.equals(transition.finding().code())) {
                metrics.event("ended-case"); // an event of a case that had left came back
            }
            try {
                listener.transition(transition);
            } catch (Throwable e) {
                // Whatever the listener throws (an AssertionError too) loses that transition only: the rest of the
                // instant's are recorded as reported and are sent. The JVM's own errors are thrown on once they are.
                metrics.listenerFailed(transition);
                LOG.warn("the listener failed on transition {}, which is not sent again: {}", transition.id(),
                        e.toString());
                if (e instanceof VirtualMachineError error) {
                    lastError = error;
                }
            }
        }
        if (lastError != null) {
            throw lastError;
        }
    }

    /** Wakes the wall clock's thread at the next instant something falls due. */
    private void schedule() {
        if (timerThread == null || timerThread.isShutdown()) {
            return;
        }
        OffsetDateTime next = nextStop();
        if (next == null || next.equals(wakeAt) && wake != null && !wake.isDone()) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        MonitorClock.Wall wall = (MonitorClock.Wall) clock;
        long delay = Math.max(0, Duration.between(wall.now(offset), next).toMillis() + 1);
        wakeAt = next;
        wake = timerThread.schedule(() -> {
            try {
                runLocked(() -> {
                    try {
                        advance(wall.now(offset));
                    } finally {
                        wakeAt = null;
                        schedule();
                    }
                });
            } catch (RuntimeException | Error e) {
                LOG.error("the monitor failed to run its timers: {}", e.toString(), e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private List<Tracks> allTracks() {
        List<Tracks> all = new ArrayList<>();
        all.add(platformTracks);
        cases.keySet().stream().sorted().forEach(id -> all.add(cases.get(id)));
        return all;
    }

    private double lagSeconds(Clock wall) {
        OffsetDateTime at = now;
        return at == null ? 0 : Duration.between(at.toInstant(), wall.instant()).toMillis() / 1000.0;
    }

    private int heldCases() {
        return cases.size();
    }

    private int pendingEvents() {
        return pending.size();
    }

    /** Configures a {@link ComplianceMonitor}. */
    public static final class Builder {
        private final ComplianceEngine engine;
        private MonitorClock clock = MonitorClock.wall();
        private Listener listener = t -> {
        };
        private Duration outOfOrder = Duration.ofMinutes(1);
        private Duration retainEnded = Duration.ofDays(7);
        private Duration rememberLeft;
        private Duration standingCheck = Duration.ofMinutes(1);
        private ZoneOffset offset = ZoneOffset.UTC;
        private OffsetDateTime since;
        private List<Platform> profiles = List.of();
        private final List<StandingFact> facts = new ArrayList<>();
        private List<CaseEvent> events = List.of();
        private MeterRegistry registry;
        private Clock metricsClock = Clock.systemUTC();
        private byte[] snapshot;

        private Builder(ComplianceEngine engine) {
            this.engine = engine;
        }

        /**
         * The monitor's time. Default: {@link MonitorClock#wall()}.
         *
         * @param value the clock: wall, event time or manual
         * @return this builder
         */
        public Builder clock(MonitorClock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Receives every transition. Default: none (ask with {@link #open()} and {@link #dueNext}). A monitor has one
         * listener: a second call replaces the first (a listener that hands each transition on to several serves
         * more).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(Listener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * How much out of time order events may come. With event time the watermark is the latest event less this;
         * the clock starts at {@link #since} when given (never before the law begins: the earliest date of each loaded
         * pack, the latest of those), else just before the first events (less a millisecond), and never after the
         * first events; with the wall clock an event older than this when it arrives is counted late.
         * Default one minute.
         *
         * @param value the bound, not negative
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder outOfOrder(Duration value) {
            this.outOfOrder = nonNegative(value, "outOfOrder");
            return this;
        }

        /**
         * How long a case whose obligations have all ended stays after it ended, so that a straggling event of it is
         * still evaluated with its case. Default seven days. A case with no obligation yet does not end: it stays.
         * One that came back after it left, with events that open nothing (or only obligations that ended), leaves
         * again this long after it came back, keeping what it kept and its new events' digests. After it left, an
         * event it had that comes again is a copy; a new event brings it back, evaluated with its later events only
         * and its transitions numbered after those it had, and a {@link CaseTracker#CAME_BACK}
         * finding says so (for an event dated at or before the instant the case left, each obligation it had then is
         * marked {@link Status#INDETERMINATE}, what was reported of it being possibly wrong).
         *
         * @param value how long, not negative; zero lets a case go as soon as it ends
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder retainEndedCases(Duration value) {
            this.retainEnded = nonNegative(value, "retainEndedCases");
            return this;
        }

        /**
         * How long what is kept of a case that left (a 16-byte digest of each of its events and the highest
         * transition number it used) is kept after it left. Default: for the monitor's life, so that an event
         * delivered again however late is known as a copy and no transition id is sent twice. After it, an event of
         * the case is a new case's: a copy of an event it had opens its duties again, numbered from 1.
         *
         * @param value how long, not negative; {@code null} for the monitor's life
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder rememberLeftCases(Duration value) {
            this.rememberLeft = value == null ? null : nonNegative(value, "rememberLeftCases");
            return this;
        }

        /**
         * How often, at most, the platform's standing duties wait to be assessed again when nothing they rest on
         * changed. They are also assessed at every instant their facts or the law name. Default one minute.
         *
         * @param value the interval, positive
         * @return this builder
         * @throws IllegalArgumentException if it is zero or negative
         */
        public Builder standingDutyCheck(Duration value) {
            this.standingCheck = nonNegative(value, "standingDutyCheck");
            if (value.isZero()) {
                throw new IllegalArgumentException("standingDutyCheck must be positive: " + value);
            }
            return this;
        }

        /**
         * The offset the monitor's instants are given in. Default UTC.
         *
         * @param value the offset of {@link #now()}, the reports and the transitions, e.g. {@code +05:30}
         * @return this builder
         */
        public Builder offset(ZoneOffset value) {
            this.offset = Objects.requireNonNull(value, "offset");
            return this;
        }

        /**
         * The start of the period watched, for recurring duties. Default: the earliest event accepted. Under event
         * time the clock starts there (never before the law begins), so that the platform's standing duties are judged
         * from the period's start, before the first events, as {@link ComplianceEngine#evaluate} judges them.
         *
         * @param value the first instant watched
         * @return this builder
         */
        public Builder since(OffsetDateTime value) {
            this.since = Objects.requireNonNull(value, "since");
            return this;
        }

        /**
         * A record of the platform at the start, added as {@link ComplianceMonitor#platform} adds it (so several
         * with their {@code from} give a history); {@code null} forgets those given.
         *
         * @param value the record, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if it does not fit the records given before
         */
        public Builder platform(Platform value) {
            this.profiles = value == null ? List.of() : Platform.joined(profiles, value);
            return this;
        }

        /**
         * Standing facts at the start (officer appointments, for one), added to those given before.
         *
         * @param values the facts, past and present
         * @return this builder
         */
        public Builder facts(Collection<? extends StandingFact> values) {
            this.facts.addAll(values);
            return this;
        }

        /**
         * Events at the start, taken with the platform's records and facts: under a wall or manual clock the monitor
         * is built with them, judged together at the clock's instant (as {@link ComplianceMonitor#acceptAll} judges
         * a batch), so no standing duty is reported without them and then corrected at the same instant (users
         * informed by an event read with the platform's profile, say). Not under event time, where events wait for
         * the watermark (give them to {@code acceptAll}), nor with {@link #restore}.
         *
         * <pre>{@code
         * ComplianceMonitor monitor = ComplianceMonitor.builder(engine).platform(profile).facts(appointments)
         *         .events(firstLines).build();
         * }</pre>
         *
         * @param values the events, in any order; they replace those given before to this builder
         * @return this builder
         * @throws NullPointerException {@code values}, or one of them, is {@code null}
         */
        public Builder events(Collection<? extends CaseEvent> values) {
            this.events = batch(values, "events");
            return this;
        }

        /**
         * Publishes metrics: {@code niyam.monitor.obligations} (gauge, by clause and status: what is open now),
         * {@code niyam.monitor.transitions} (counter, by kind), {@code niyam.monitor.events} (counter, by outcome:
         * accepted, duplicate, late, ended-case (an event of a case that had left came back), rejected),
         * {@code niyam.monitor.cases} and {@code niyam.monitor.pending} (gauges), and {@code niyam.monitor.lag}
         * (gauge, seconds the monitor's time is behind {@code wall}).
         *
         * @param value the registry to publish to
         * @param wall  the clock the lag is measured against
         * @return this builder
         */
        public Builder metrics(MeterRegistry value, Clock wall) {
            this.registry = Objects.requireNonNull(value, "registry");
            this.metricsClock = Objects.requireNonNull(wall, "wall");
            return this;
        }

        /**
         * As {@link #metrics(MeterRegistry, Clock)} with the machine's clock for the lag.
         *
         * @param value the registry to publish to
         * @return this builder
         */
        public Builder metrics(MeterRegistry value) {
            return metrics(value, Clock.systemUTC());
        }

        /**
         * Starts from a {@link ComplianceMonitor#snapshot()} instead of empty; the platform and standing facts given to
         * this builder are replaced by the snapshot's. The engine must run the packs the snapshot's monitor ran (the
         * same ids and DRL); an engine that runs one session watches in one session.
         *
         * @param value the bytes {@link ComplianceMonitor#snapshot()} gave; copied
         * @return this builder
         */
        public Builder restore(byte[] value) {
            this.snapshot = Objects.requireNonNull(value, "snapshot").clone();
            return this;
        }

        /**
         * Builds the monitor and, for a wall clock, starts its timer thread; close it when done.
         *
         * @return the monitor, running from the snapshot if one was given
         * @throws InputException the snapshot cannot be read, is of another format, or was taken by a monitor of other
         *                        packs (field {@code rules}); or an event given to
         *                        {@link #events} is refused as {@link ComplianceMonitor#acceptAll} refuses it (an id
         *                        used by two different events of them, another jurisdiction than its case's): no
         *                        monitor is built and nothing is reported, under a wall or manual clock
         * @throws IllegalStateException events were given with a snapshot to restore, or under event time
         */
        public ComplianceMonitor build() {
            MonitorSnapshot restored = null;
            if (!events.isEmpty() && (snapshot != null || clock instanceof MonitorClock.EventTime)) {
                throw new IllegalStateException("events at the start are for a new monitor under a wall or manual "
                        + "clock: give them to acceptAll " + (snapshot != null ? "after restoring the snapshot"
                        : "once built (under event time they wait for the watermark)"));
            }
            if (snapshot != null) {
                try {
                    restored = snapshots(engine).readValue(snapshot, MonitorSnapshot.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    // In words, without the parser's location and advice (InputErrors, as for every input read).
                    InputException words = InputErrors.of("snapshot", 0, null, e);
                    String problem = snapshot.length == 0 || words.problem().startsWith("the input is empty")
                            ? "it is empty" : words.problem();
                    throw new InputException("snapshot", 0, words.field(), "not a monitor snapshot: " + problem, e);
                } catch (IOException e) {
                    throw new InputException("snapshot", 0, "", "not a monitor snapshot: " + e.getMessage(), e);
                }
                if (restored.format() != MonitorSnapshot.FORMAT) {
                    throw new InputException("snapshot", 0, "format", "snapshot format " + restored.format()
                            + " is not the one this version reads (" + MonitorSnapshot.FORMAT + ")", null);
                }
            }
            return new ComplianceMonitor(this, restored);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " cannot be negative: " + value);
            }
            return value;
        }
    }
}
