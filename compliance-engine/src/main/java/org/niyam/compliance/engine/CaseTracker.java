package org.niyam.compliance.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.niyam.compliance.engine.internal.Evaluation;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.io.internal.Jurisdictions;
import org.niyam.compliance.model.Assessment;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Discharge;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.EventTypes;
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
 * The live monitor's step for one case, for stream processors that keep state per case themselves (an Apache Flink
 * job keyed by case): the case's events and what was last reported go in with an instant; the transitions since,
 * the new state, and the instant of the next change come out. It runs a case the way {@link ComplianceMonitor} does
 * and shares its comparison, transition ids and timers with it, so a job and a monitor given the same events at the
 * same instants report the same transitions, with the same ids.
 *
 * <pre>{@code
 * CaseTracker tracker = CaseTracker.of(engine);
 * CaseTracker.Step step = tracker.step(context, state.withEvent(event), watermark);
 * step.transitions().forEach(out::collect);
 * if (step.nextChange() != null) timers.registerEventTimeTimer(step.nextChange().toInstant().toEpochMilli());
 * }</pre>
 *
 * <p>The rules a case runs are the engine's case-local rules; the platform's (global) rules run in
 * {@link #platformStep}, which needs every event they read ({@link #readByPlatformRules}) and what the cases'
 * steps concluded about the platform ({@link Step#leftovers()}). States are records that Jackson writes and reads
 * with {@link ComplianceJson#mapper()}.
 *
 * <p>A case whose obligations have all ended may leave state ({@link #left}); an event of it that comes after is
 * judged without its earlier events, and the step says so in its transitions: a {@link #CAME_BACK} finding, and for
 * an event dated at or before the instant the case left, each obligation it had then marked
 * {@link Status#INDETERMINATE}.
 */
public final class CaseTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CaseTracker.class);

    private final Evaluation evaluation;
    /** Writes an event as the JSON its digest is taken of: its type's name and its fields. */
    private final ObjectWriter eventJson;

    private CaseTracker(Evaluation evaluation, EventTypes types) {
        this.evaluation = evaluation;
        this.eventJson = ComplianceJson.mapper(types).writerFor(CaseEvent.class);
    }

    /**
     * The tracker of an engine's rules.
     *
     * @param engine the engine whose case-local and platform rules the tracker runs
     * @return the tracker
     * @throws NullPointerException if {@code engine} is {@code null}
     */
    public static CaseTracker of(ComplianceEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return new CaseTracker(engine.evaluation(), engine.eventTypes());
    }

    /**
     * Why the engine's rules cannot be evaluated case by case, as {@link #step} evaluates them, or {@code null}: a rule
     * the engine cannot run by case at all, or a case-local rule that may conclude or change what a global rule reads
     * (its conclusions would reach the platform's rules only in one session). The engine's own evaluations run such
     * rules in one session instead; a step fails at the first case whose conclusion crosses. Known when the engine is
     * built, from its analysis of the rules.
     *
     * @return the reason, in a sentence naming the rule, or {@code null} when every case can be stepped on its own
     */
    public String notCaseByCase() {
        String never = evaluation.locality().unpartitionable();
        return never != null ? never : evaluation.locality().feedsGlobal();
    }

    /**
     * The first instant at which every loaded pack's law has begun: for each pack, the earliest of its first version
     * and its parameters' first values; the latest of those over the packs. A clock that runs the platform's duties
     * from the start of a period (a monitor's or a stream job's {@code since}) starts no earlier: before it no rule
     * can be evaluated.
     *
     * @return that instant, or {@code null} when no pack dates anything
     */
    public OffsetDateTime lawStart() {
        RuleBase ruleBase = evaluation.ruleBase();
        Map<RulePack, OffsetDateTime> byPack = new HashMap<>();
        ruleBase.parameters().forEach((name, parameter) -> {
            RulePack pack = ruleBase.parameterOwner(name);
            if (pack != null && !parameter.values().isEmpty()) {
                byPack.merge(pack, parameter.values().get(0).from(), (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        for (RulePack pack : ruleBase.packs()) {
            if (!pack.versions().isEmpty()) {
                byPack.merge(pack, pack.versions().get(0).from(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        OffsetDateTime start = null;
        for (OffsetDateTime from : byPack.values()) {
            start = start == null || from.isAfter(start) ? from : start;
        }
        return start;
    }

    /**
     * The platform's facts every case sees.
     *
     * @param profiles the platform's records, as histories ({@link Platform#history}); empty when unknown
     * @param facts    the platform's standing facts, past and present (officer appointments, for one)
     * @param since    the start of the period watched, or {@code null} for the instant of each step
     */
    public record Context(List<Platform> profiles, List<StandingFact> facts, OffsetDateTime since) {
        /**
         * Orders the records and copies the facts.
         *
         * @param profiles the platform's records in any order, or {@code null} for none
         * @param facts    the standing facts, or {@code null} for none; copied
         * @param since    the start of the period watched, or {@code null}
         * @throws IllegalArgumentException if two records of one type hold from one instant, or one runs past the next
         */
        public Context {
            profiles = Platform.history(profiles);
            facts = facts == null ? List.of() : List.copyOf(facts);
        }

        /**
         * A context of one platform record.
         *
         * @param platform who the platform is, or {@code null} when unknown
         * @param facts    the standing facts, or {@code null} for none
         * @param since    the start of the period watched, or {@code null}
         */
        public Context(Platform platform, List<? extends StandingFact> facts, OffsetDateTime since) {
            this(platform == null ? List.of() : List.of(platform), facts == null ? null : List.copyOf(facts), since);
        }
    }

    /**
     * An obligation as last reported, and how many transitions it has had.
     *
     * @param obligation  the obligation as the last transition reported it
     * @param transitions how many transitions it has had; the next one's id carries this number plus one
     */
    public record Held(Obligation obligation, int transitions) {
    }

    /**
     * What is kept for one case between steps (for the platform: its id is empty and its events are those the
     * platform's rules read).
     *
     * @param caseId      the case's id; empty for the platform
     * @param events      the case's events, in time order
     * @param obligations its obligations as last reported
     * @param findings    its findings as last reported
     * @param earlier     what is kept of what the case no longer holds (withdrawn obligations, an earlier stay in
     *                    state), or {@code null} for nothing
     */
    public record State(String caseId, List<CaseEvent> events, List<Held> obligations, List<Finding> findings,
                        Earlier earlier) {
        /**
         * Copies the lists.
         *
         * @param caseId      the case's id, required; empty for the platform
         * @param events      the case's events in time order, or {@code null} for none
         * @param obligations its obligations as last reported, or {@code null} for none
         * @param findings    its findings as last reported, or {@code null} for none
         * @param earlier     what is kept of what the case no longer holds, or {@code null} for nothing
         * @throws NullPointerException if {@code caseId} is {@code null} or a list holds {@code null}
         */
        public State {
            Objects.requireNonNull(caseId, "caseId");
            events = events == null ? List.of() : List.copyOf(events);
            obligations = obligations == null ? List.of() : List.copyOf(obligations);
            findings = findings == null ? List.of() : List.copyOf(findings);
            earlier = Earlier.NONE.equals(earlier) ? null : earlier;
        }

        /**
         * A state with nothing kept of earlier.
         *
         * @param caseId      the case's id, required; empty for the platform
         * @param events      the case's events in time order, or {@code null} for none
         * @param obligations its obligations as last reported, or {@code null} for none
         * @param findings    its findings as last reported, or {@code null} for none
         * @throws NullPointerException if {@code caseId} is {@code null} or a list holds {@code null}
         */
        public State(String caseId, List<CaseEvent> events, List<Held> obligations, List<Finding> findings) {
            this(caseId, events, obligations, findings, null);
        }

        /**
         * A case nothing has been reported of yet.
         *
         * @param caseId the case's id; empty for the platform
         * @return a state without events, obligations or findings
         */
        public static State empty(String caseId) {
            return new State(caseId, List.of(), List.of(), List.of());
        }

        /**
         * The same state with one more event (kept in time order).
         *
         * @param event an event of the case
         * @return a new state holding it
         */
        public State withEvent(CaseEvent event) {
            List<CaseEvent> more = new ArrayList<>(events);
            more.add(event);
            more.sort(Evaluation.EVENT_ORDER);
            return new State(caseId, more, obligations, findings, earlier);
        }

        /**
         * {@return whether nothing in the case can change any more without new evidence: every obligation has ended}
         */
        public boolean ended() {
            return obligations.stream().allMatch(h -> CaseTracker.ended(h.obligation()));
        }

        /**
         * {@return whether the case may leave state (once kept as long as ended cases are): every obligation it holds
         * has ended, and it holds one, or it came back after it left state} A case with no obligation yet stays (its
         * events may be what a later event's duty reads); one that came back with events that open nothing (or only
         * what ended) leaves again, keeping what it kept and its new events' digests, rather than staying for ever.
         */
        public boolean mayLeave() {
            return CaseTracker.mayLeave(obligations, earlier);
        }
    }

    /**
     * What is kept of what a case no longer holds, so that its transitions' ids are never used twice, an event it
     * had before it left state is known again, and an event that comes back after it left is said to be judged
     * without the case's earlier events: the highest transition number it used before it left state (each obligation
     * or finding of a later stay numbers its transitions after it), the number each obligation or finding withdrawn
     * since had last (it numbers its transitions after that when it comes back), a digest of each event it had when
     * it left state (16 bytes: 8 of the SHA-256 of its id, 8 of the SHA-256 of its JSON), the instant it last left,
     * the obligations it had then (each with its last verdict, to mark {@link Status#INDETERMINATE} should an event
     * from before that instant come after), and the events that came back since (each reported once as a finding
     * {@link #CAME_BACK}).
     *
     * @param numbered  the highest transition number the case used before it last left state; 0 for none
     * @param events    the digests of the events the case had when it left state, 16 bytes each; empty for none
     * @param withdrawn the last transition number of each obligation or finding (by id) withdrawn since; empty for none
     * @param left      the instant the case last left state, or {@code null} (it never left; or a state written
     *                  before this was kept, which the caller completes from its own record of the instant)
     * @param reported  the obligations the case had when it last left, not yet marked; empty for none
     * @param cameBack  the ids of the events that came back since the case last left, in the order they came back;
     *                  empty for none
     */
    public record Earlier(int numbered, byte[] events, Map<String, Integer> withdrawn, OffsetDateTime left,
                          List<Reported> reported, List<String> cameBack) {

        /** Nothing kept. */
        public static final Earlier NONE = new Earlier(0, new byte[0], Map.of());

        /**
         * Checks the digests and copies.
         *
         * @param numbered  the highest transition number used before the case left state, not negative
         * @param events    16 bytes an event, or {@code null} for none; copied
         * @param withdrawn numbers of withdrawn obligations and findings by id, or {@code null} for none; copied
         * @param left      the instant the case last left state, or {@code null}
         * @param reported  the obligations it had then, or {@code null} for none; copied
         * @param cameBack  the ids of the events that came back since, or {@code null} for none; copied
         * @throws IllegalArgumentException if {@code numbered} is negative or {@code events} is not whole digests
         */
        public Earlier {
            events = events == null ? new byte[0] : events.clone();
            if (numbered < 0 || events.length % DIGEST != 0) {
                throw new IllegalArgumentException("an earlier state needs a number not negative and 16 bytes an "
                        + "event: " + numbered + ", " + events.length + " bytes");
            }
            withdrawn = withdrawn == null || withdrawn.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new TreeMap<>(withdrawn));
            reported = reported == null ? List.of() : List.copyOf(reported);
            cameBack = cameBack == null ? List.of() : List.copyOf(cameBack);
        }

        /**
         * What is kept, with nothing known of when the case left.
         *
         * @param numbered  the highest transition number used before the case left state, not negative
         * @param events    16 bytes an event, or {@code null} for none; copied
         * @param withdrawn numbers of withdrawn obligations and findings by id, or {@code null} for none; copied
         * @throws IllegalArgumentException if {@code numbered} is negative or {@code events} is not whole digests
         */
        public Earlier(int numbered, byte[] events, Map<String, Integer> withdrawn) {
            this(numbered, events, withdrawn, null, null, null);
        }

        /**
         * What a case that left state keeps, with nothing withdrawn since.
         *
         * @param numbered the highest transition number used before the case left state, not negative
         * @param events   16 bytes an event, or {@code null} for none; copied
         * @throws IllegalArgumentException if {@code numbered} is negative or {@code events} is not whole digests
         */
        public Earlier(int numbered, byte[] events) {
            this(numbered, events, null);
        }

        /** {@return the digests, 16 bytes an event; a copy} */
        @Override
        public byte[] events() {
            return events.clone();
        }

        /** {@return how many events' digests are kept} */
        public int size() {
            return events.length / DIGEST;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Earlier e && e.numbered == numbered && Arrays.equals(e.events, events)
                    && e.withdrawn.equals(withdrawn) && Objects.equals(e.left, left) && e.reported.equals(reported)
                    && e.cameBack.equals(cameBack);
        }

        @Override
        public int hashCode() {
            return Objects.hash(numbered, Arrays.hashCode(events), withdrawn, left, reported, cameBack);
        }

        @Override
        public String toString() {
            return "Earlier[numbered=" + numbered + ", events=" + size() + ", withdrawn=" + withdrawn + ", left="
                    + left + ", reported=" + reported + ", cameBack=" + cameBack + "]";
        }

        /**
         * The same, with the instant the case last left given where it is not kept (a state written before it was).
         *
         * @param at the instant the case left, as the caller recorded it
         * @return this when the instant is kept already or {@code at} is {@code null}; otherwise a copy with it
         */
        public Earlier leftAt(OffsetDateTime at) {
            return left != null || at == null ? this : new Earlier(numbered, events, withdrawn, at, reported, cameBack);
        }

        /** The number after which an obligation or finding that is new (again) numbers its transitions. */
        int after(String id) {
            Integer last = withdrawn.get(id);
            return last == null ? numbered : Math.max(numbered, last);
        }

        Earlier withdrawn(String id, int number) {
            Map<String, Integer> more = new TreeMap<>(withdrawn);
            more.put(id, number);
            return new Earlier(numbered, events, more, left, reported, cameBack);
        }

        /** Whether an event of the digest's id is kept, and if so whether with the digest's content. */
        Seen find(byte[] digest) {
            for (int i = 0; i < events.length; i += DIGEST) {
                if (Arrays.equals(events, i, i + DIGEST / 2, digest, 0, DIGEST / 2)) {
                    return Arrays.equals(events, i + DIGEST / 2, i + DIGEST, digest, DIGEST / 2, DIGEST)
                            ? Seen.AGAIN : Seen.CONFLICT;
                }
            }
            return Seen.NEW;
        }
    }

    /**
     * An obligation a case had when it left state, as last reported: enough to mark it
     * {@link Status#INDETERMINATE} under the same id, numbered after its last transition, should an event from before
     * the case left come after it (written as one string: about 115 bytes of JSON an obligation, for a pack whose
     * rule and duty ids are some 30 characters).
     *
     * @param id          the obligation's id
     * @param number      the number of its last transition
     * @param status      its last status
     * @param triggeredAt when its clock started
     * @param rule        the id of the rule that cited it (its citation is found again from the rule)
     */
    public record Reported(String id, int number, Status status, OffsetDateTime triggeredAt, String rule) {
        /**
         * Checks the record.
         *
         * @param id          the obligation's id, required
         * @param number      the number of its last transition
         * @param status      its last status, required
         * @param triggeredAt when its clock started, required
         * @param rule        the id of its rule, required (a space in it is written {@code %20}, a percent sign
         *                    {@code %25}, in {@link #text()})
         * @throws NullPointerException if a value is {@code null}
         */
        public Reported {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(triggeredAt, "triggeredAt");
            Objects.requireNonNull(rule, "rule");
        }

        /**
         * {@return the record as its JSON writes it, one string: the number, status, instant, rule and id, separated
         * by spaces} ({@code 4 MET_LATE 2026-03-01T10:00+05:30 rules.complaint-opens-acknowledge
         * complaint.acknowledge@c1-in}): a third of the bytes of an object with named fields.
         */
        @JsonValue
        public String text() {
            return number + " " + status + " " + triggeredAt + " " + rule.replace("%", "%25").replace(" ", "%20") + " "
                    + id;
        }

        /**
         * Reads {@link #text()}.
         *
         * @param text the number, status, instant, rule and id, separated by spaces
         * @return the record
         * @throws IllegalArgumentException if the text is not of that form
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Reported of(String text) {
            String[] parts = text == null ? new String[0] : text.split(" ", 5);
            try {
                if (parts.length == 5) {
                    return new Reported(parts[4], Integer.parseInt(parts[0]), Status.valueOf(parts[1]),
                            OffsetDateTime.parse(parts[2]), parts[3].replace("%20", " ").replace("%25", "%"));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an obligation kept of a case that left (number, status, "
                        + "instant, rule and id): '" + text + "': " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("not an obligation kept of a case that left (number, status, instant, "
                    + "rule and id): '" + text + "'");
        }
    }

    /**
     * The code of the finding made when an event of a case that left state comes after it left (the case's first
     * event since, or any event dated at or before the instant it left): the case's obligations from then on are
     * judged without its events up to that instant, which are no longer held, and may differ from
     * {@link ComplianceEngine#evaluate} of the whole log. Its evidence is the event's id.
     */
    public static final String CAME_BACK = "case-came-back";

    /** The citation of a {@link #CAME_BACK} finding: the monitor's own record, not a clause of a law. */
    static final Citation CAME_BACK_CITATION = new Citation("Niyam live monitoring", "case that left the monitor",
            "1", "niyam.case-came-back");

    /** Bytes of one event's digest in {@link Earlier#events()}. */
    private static final int DIGEST = 16;

    /** Whether an event is new to a case, one it had already, or another event under an id it had. */
    public enum Seen {
        /** An event the case has not had. */
        NEW,
        /** An event the case had already (equal, or when it had left state, of equal JSON): a copy to drop. */
        AGAIN,
        /** Another event under the id of one the case had: an error of the source. */
        CONFLICT
    }

    /**
     * A conclusion a case's rules drew about the platform or another case, with its rule. Exactly one of the facts is
     * given, the others are {@code null}.
     *
     * @param rule       the id of the rule that drew it
     * @param duty       a duty it inserted, or {@code null}
     * @param discharge  a discharge it inserted, or {@code null}
     * @param assessment an assessment it inserted, or {@code null}
     * @param finding    a finding it inserted, or {@code null}
     */
    public record Leftover(String rule, Duty duty, Discharge discharge, Assessment assessment, Finding finding) {

        static Leftover of(Evaluation.Conclusion conclusion) {
            Object fact = conclusion.fact();
            return new Leftover(conclusion.rule(), fact instanceof Duty d ? d : null,
                    fact instanceof Discharge d ? d : null, fact instanceof Assessment a ? a : null,
                    fact instanceof Finding f ? f : null);
        }

        Evaluation.Conclusion conclusion() {
            Object fact = duty != null ? duty : discharge != null ? discharge : assessment != null ? assessment : finding;
            return new Evaluation.Conclusion(fact, rule);
        }
    }

    /**
     * One step's result.
     *
     * @param state       what to keep for the case
     * @param transitions what changed, in report order
     * @param nextChange  when the case changes next if no event comes (at risk, breached), or {@code null}
     * @param leftovers   what the case's rules concluded about the platform or another case, for
     *                    {@link #platformStep}
     */
    public record Step(State state, List<Transition> transitions, OffsetDateTime nextChange, List<Leftover> leftovers) {
    }

    /**
     * Whether the platform's rules read the event: send it to {@link #platformStep} as well as to its case.
     *
     * @param event an event
     * @return {@code true} when a platform rule matches events of its type
     */
    public boolean readByPlatformRules(CaseEvent event) {
        return evaluation.shared(event);
    }

    /**
     * Runs the case-local rules over the case's events known at {@code asOf} and the kernel at {@code asOf}, and
     * compares the result with what was last reported.
     *
     * @param context the platform's facts
     * @param state   what was kept for the case, with every event it has received
     * @param asOf    the instant to run at: a job's watermark or timer; events after it are left out
     * @return the transitions since the state, the new state, the case's next change and its leftovers
     * @throws RuleExecutionException a rule failed, or a conclusion crossed from this case to another
     */
    public Step step(Context context, State state, OffsetDateTime asOf) {
        return step(context, state, asOf, Evaluation.Global.NONE);
    }

    Step step(Context context, State state, OffsetDateTime asOf, Evaluation.Global global) {
        List<Object> facts = evaluation.context(context.profiles(), context.facts(), since(context, asOf), asOf);
        List<CaseEvent> events = Evaluation.knownAt(state.events(), asOf);
        Evaluation.Part part;
        try {
            part = evaluation.part(evaluation.cases(facts, events, global,
                    facts.size() + (long) events.size(), EvaluationListener.NONE), events, global, asOf);
        } catch (Evaluation.Unpartitionable e) {
            if (!e.always()) {
                // The firing limit or the step total, reached in the case's session, which counts no firings by
                // rule: the case's facts in one session, as an evaluation of the case alone falls back to, fail with
                // the error that names the rules.
                evaluation.oneSession(facts, events, asOf, EvaluationListener.NONE);
            }
            throw new RuleExecutionException(null, "case " + state.caseId() + " cannot be evaluated on its own: "
                    + e.getMessage(), e);
        }
        return finish(state, part.obligations(), part.findings(), part.leftovers(), asOf);
    }

    /**
     * The platform's step: its rules over the context and the events they read, known at {@code asOf}, and the
     * platform's obligations from their conclusions and the cases' leftovers.
     *
     * @param context        the platform's facts
     * @param readByPlatform every event the platform's rules read ({@link #readByPlatformRules}), of every case
     * @param leftovers      every case's latest leftovers
     * @param state          what was kept for the platform (its case id empty)
     * @param asOf           the instant to run at
     * @return the platform's transitions since the state, its new state and its next change; no leftovers
     * @throws RuleExecutionException a rule failed; or a restricted pack's assessment that the platform's report would
     *                                place is of an obligation no platform rule opens, which this step, apart from
     *                                the cases' obligations, cannot compare with them (see docs/restricted-drl.md)
     */
    public Step platformStep(Context context, List<CaseEvent> readByPlatform, List<Leftover> leftovers, State state,
                             OffsetDateTime asOf) {
        List<Object> facts = evaluation.context(context.profiles(), context.facts(), since(context, asOf), asOf);
        List<CaseEvent> shared = Evaluation.knownAt(readByPlatform, asOf);
        Evaluation.Global global = evaluation.global(facts, shared, facts.size() + (long) shared.size(),
                EvaluationListener.NONE);
        List<Evaluation.Conclusion> concluded = leftovers.stream().map(Leftover::conclusion).toList();
        RuleExecutionException apart = evaluation.placedApart(global, concluded);
        if (apart != null) {
            throw apart;
        }
        Report report = evaluation.platform(global, concluded, new HashSet<>(), asOf);
        return finish(new State(state.caseId(), readByPlatform, state.obligations(), state.findings(), state.earlier()),
                report.obligations(), report.findings(), List.of(), asOf);
    }

    private Step finish(State state, List<Obligation> obligations, List<Finding> findings,
                        List<Evaluation.Conclusion> leftovers, OffsetDateTime asOf) {
        Map<String, Held> held = new LinkedHashMap<>();
        state.obligations().forEach(h -> held.put(h.obligation().id(), h));
        Map<String, Finding> found = new LinkedHashMap<>();
        state.findings().forEach(f -> found.put(findingId(f), f));
        List<Transition> transitions = new ArrayList<>();
        Back back = cameBack(state.caseId(), state.earlier() == null ? Earlier.NONE : state.earlier(), state.events(),
                held, found, asOf, transitions);
        Earlier earlier = diff(held, found, obligations, back.with(findings), asOf, back.earlier(), transitions,
                (before, after) -> {
                });
        OffsetDateTime next = nextChange(held, asOf);
        return new Step(new State(state.caseId(), state.events(), List.copyOf(held.values()),
                List.copyOf(found.values()), earlier), transitions, next,
                leftovers.stream().map(Leftover::of).toList());
    }

    OffsetDateTime nextChange(Map<String, Held> held, OffsetDateTime asOf) {
        OffsetDateTime next = null;
        for (Held h : held.values()) {
            OffsetDateTime change = evaluation.lifecycle().nextChange(h.obligation(), asOf);
            if (change != null && (next == null || change.isBefore(next))) {
                next = change;
            }
        }
        return next;
    }

    private static OffsetDateTime since(Context context, OffsetDateTime asOf) {
        return context.since() == null || context.since().isAfter(asOf) ? asOf : context.since();
    }

    /**
     * Whether the case has had the event: an equal event under its id among the case's events, or, for an event
     * from before the case left state, one of equal JSON. A stream job drops an event seen {@link Seen#AGAIN}
     * (a source that delivers again) and reports one in {@link Seen#CONFLICT}.
     *
     * @param state what was kept for the case
     * @param event an event of the case
     * @return whether it is new, a copy, or another event under an id the case had
     */
    public Seen seen(State state, CaseEvent event) {
        for (CaseEvent held : state.events()) {
            if (held.id().equals(event.id())) {
                return held.equals(event) ? Seen.AGAIN : Seen.CONFLICT;
            }
        }
        return seen(state.earlier(), event);
    }

    /**
     * The error to refuse {@code event} with when the case's events it is given state another jurisdiction (a case
     * arises in one), or {@code null}. Refused when it comes, as the audit refuses its line, rather than held where
     * it would fail every later evaluation of the case.
     *
     * @param ofCase the events of the case held or waiting
     * @param event  an event of the case
     * @return the error naming the two events and their jurisdictions, or {@code null}
     */
    public static InputException otherJurisdiction(Collection<? extends CaseEvent> ofCase, CaseEvent event) {
        if (event.jurisdiction() == null) {
            return null;
        }
        for (CaseEvent held : ofCase) {
            if (held.jurisdiction() != null) {
                return Jurisdictions.conflict("case '" + event.caseId() + "'", 0, event, held, null);
            }
        }
        return null;
    }

    /** Whether the event is one a case had before it left state ({@code earlier} may be null). */
    Seen seen(Earlier earlier, CaseEvent event) {
        return earlier == null || earlier.size() == 0 ? Seen.NEW : earlier.find(digest(event));
    }

    /**
     * The case leaving state at {@code at}, everything in it having ended: what stays is its events after that
     * instant, and what is kept of earlier (the digests of the events that leave, the highest transition number
     * used, the instant it left, to the millisecond, and each obligation's last verdict), so that an event it had is
     * known again ({@link #seen}), transitions after it come back carry numbers not used before, and an event that
     * comes back after it left is reported as a {@link #CAME_BACK} finding (and, dated before the case left, its
     * obligations marked {@link Status#INDETERMINATE}) by the next {@link #step}. About 16 bytes an event, and about
     * 115 bytes an obligation ({@link Reported}), instead of the events and obligations.
     *
     * @param state what was kept for the case
     * @param at    the instant it leaves; its events at or before it leave
     * @return the state to keep: the later events, no obligation or finding, and what is kept of earlier
     */
    public State left(State state, OffsetDateTime at) {
        return left(state, at, at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** As {@link #left(State, OffsetDateTime)}: the events up to {@code cut} leave, the case leaves at {@code at}. */
    State left(State state, OffsetDateTime cut, OffsetDateTime at) {
        Earlier earlier = state.earlier() == null ? Earlier.NONE : state.earlier();
        int numbered = earlier.numbered();
        for (Held held : state.obligations()) {
            numbered = Math.max(numbered, held.transitions());
        }
        for (Finding finding : state.findings()) {
            numbered = Math.max(numbered, earlier.after(findingId(finding)) + 1); // the number it was found with
        }
        for (int last : earlier.withdrawn().values()) {
            numbered = Math.max(numbered, last);
        }
        List<CaseEvent> later = new ArrayList<>();
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        digests.writeBytes(earlier.events);
        for (CaseEvent event : state.events()) {
            if (event.at().isAfter(cut)) {
                later.add(event);
            } else {
                digests.writeBytes(digest(event));
            }
        }
        // The verdicts of an earlier stay that no event from before it has marked yet stay with the case (it may leave
        // twice); this stay's obligations replace those of the same id.
        Map<String, Reported> reported = new LinkedHashMap<>();
        earlier.reported().forEach(r -> reported.put(r.id(), r));
        for (Held held : state.obligations()) {
            Obligation o = held.obligation();
            reported.put(o.id(), new Reported(o.id(), held.transitions(), o.status(), o.triggeredAt(),
                    o.citation().ruleId()));
        }
        return new State(state.caseId(), later, List.of(), List.of(),
                new Earlier(numbered, digests.toByteArray(), null, at, List.copyOf(reported.values()), null));
    }

    /** What {@link #cameBack} leaves: what is kept of earlier after it, and the findings of the events come back. */
    record Back(Earlier earlier, List<Finding> findings) {
        /** The evaluation's findings and these. */
        List<Finding> with(List<Finding> evaluated) {
            if (findings.isEmpty()) {
                return evaluated;
            }
            List<Finding> all = new ArrayList<>(evaluated);
            all.addAll(findings);
            return all;
        }
    }

    /**
     * Says, in the output, that a case that left state is judged without its earlier events: for each event that came
     * back (the case's first event since it left, known at {@code at}, and any dated at or before the instant it left)
     * a {@link #CAME_BACK} finding, sent here (in {@code out}, held in {@code found}) once; and when one is dated at
     * or before that instant (late by more than the case was retained), an {@link Transition.Kind#INDETERMINATE}
     * transition for each obligation the case had when it left (what was reported of it may be wrong), numbered after
     * its last. Returns what is kept after it, and every came-back finding of the stay, for the comparison with the
     * evaluation (so that none is withdrawn). Nothing for a case that never left state. Shared by the monitor and
     * {@link #step}.
     */
    Back cameBack(String caseId, Earlier earlier, List<CaseEvent> events, Map<String, Held> held,
                  Map<String, Finding> found, OffsetDateTime at, List<Transition> out) {
        if (earlier.left() == null || caseId.isEmpty()) {
            return new Back(earlier, List.of());
        }
        // In the order they came back; a set, since a case that came back may hold many events.
        Set<String> back = new LinkedHashSet<>(earlier.cameBack());
        List<CaseEvent> came = new ArrayList<>();
        CaseEvent late = null;
        for (CaseEvent event : events) {
            if (event.at().isAfter(at) || back.contains(event.id())) {
                continue;
            }
            boolean before = !event.at().isAfter(earlier.left());
            if (back.isEmpty() || before) {
                back.add(event.id());
                came.add(event);
                if (before && late == null) {
                    late = event;
                }
            }
        }
        Earlier after = earlier;
        if (!came.isEmpty()) {
            List<Reported> marked = late == null ? List.of() : earlier.reported();
            after = new Earlier(earlier.numbered(), earlier.events, earlier.withdrawn(), earlier.left(),
                    late == null ? earlier.reported() : List.of(), List.copyOf(back));
            for (CaseEvent event : came) {
                Finding finding = cameBackFinding(caseId, event, earlier);
                String id = findingId(finding);
                if (!found.containsKey(id)) {
                    out.add(new Transition(id + "#" + (after.after(id) + 1) + ":" + Transition.Kind.FINDING,
                            Transition.Kind.FINDING, at, null, null, finding));
                    found.put(id, finding);
                }
                LOG.warn("case {}: event {} at {} came after the case left state at {}: it is judged without the "
                        + "case's {} events up to then (finding {}){}", caseId, event.id(), event.at(),
                        earlier.left(), earlier.size(), CAME_BACK, event == late && !marked.isEmpty()
                                ? "; the " + marked.size() + " obligations reported before are marked INDETERMINATE"
                                : "");
            }
            for (Reported reported : marked) {
                if (held.containsKey(reported.id())) {
                    continue; // judged again in this stay, under its id: its transitions say where it stands
                }
                int number = Math.max(reported.number(), after.after(reported.id())) + 1;
                after = after.withdrawn(reported.id(), number);
                out.add(new Transition(reported.id() + "#" + number + ":" + Transition.Kind.INDETERMINATE,
                        Transition.Kind.INDETERMINATE, at, reported.status(), mark(caseId, reported, late, earlier),
                        null));
            }
        }
        Map<String, CaseEvent> byId = new HashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.id(), event));
        List<Finding> findings = new ArrayList<>();
        for (String id : back) {
            CaseEvent event = byId.get(id);
            if (event != null) {
                findings.add(cameBackFinding(caseId, event, earlier));
            }
        }
        return new Back(after, findings);
    }

    private static Finding cameBackFinding(String caseId, CaseEvent event, Earlier earlier) {
        boolean before = !event.at().isAfter(earlier.left());
        return new Finding(CAME_BACK, caseId, "Event " + event.id() + " (" + event.at() + ") of case " + caseId
                + " came after the case left the monitor at " + earlier.left() + ", its obligations all ended: it and "
                + "the case's later events are judged without the case's " + earlier.size() + " events up to then, "
                + "which are no longer held. " + (before
                ? "It is dated at or before the instant the case left, so what was reported of the case then may be "
                        + "wrong (each obligation it had then, unless marked or judged again since, is marked "
                        + "INDETERMINATE)."
                : "A duty that reads the case's earlier events (an earlier request or removal) may be judged "
                        + "otherwise than an evaluation of the whole log judges it.")
                + " Evaluate the whole log (niyam audit) for the answer.", List.of(event.id()), CAME_BACK_CITATION);
    }

    /** The obligation a case had when it left, marked indeterminate: an event from before then came after. */
    private Obligation mark(String caseId, Reported reported, CaseEvent late, Earlier earlier) {
        RuleBase.RuleInfo rule = evaluation.ruleBase().rules().get(reported.rule());
        Citation citation = rule == null
                ? new Citation("(not loaded)", "(not loaded)", "(not loaded)", reported.rule())
                : evaluation.lifecycle().citation(rule, reported.triggeredAt());
        int sign = reported.id().indexOf('@');
        String duty = sign > 0 ? reported.id().substring(0, sign) : reported.id();
        String trigger = sign > 0 && sign < reported.id().length() - 1 ? reported.id().substring(sign + 1) : null;
        return new Obligation(reported.id(), duty, "What " + duty + " asks, as the obligation's earlier transitions "
                + "said (a case that left the monitor keeps only its verdicts).", caseId, reported.triggeredAt(),
                null, Status.INDETERMINATE, citation, trigger, null, null, "Reported " + reported.status()
                + " before case " + caseId + " left the monitor at " + earlier.left() + "; event " + late.id() + " ("
                + late.at() + "), from before then, came after the case left, and the events it would be judged "
                + "with are no longer held: that verdict may be wrong. Evaluate the whole log (niyam audit) for the "
                + "answer.");
    }

    /** 8 bytes of the SHA-256 of the event's id, then 8 of the SHA-256 of its JSON. */
    private byte[] digest(CaseEvent event) {
        byte[] out = new byte[DIGEST];
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            System.arraycopy(sha.digest(event.id().getBytes(StandardCharsets.UTF_8)), 0, out, 0, DIGEST / 2);
            System.arraycopy(sha.digest(eventJson.writeValueAsBytes(event)), 0, out, DIGEST / 2, DIGEST / 2);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot take the digest of event " + event.id() + ": " + e, e);
        }
        return out;
    }

    // ---- what the monitor and a stream job share ----

    /**
     * Whether a case may leave state: its obligations have all ended, and it has one, or it came back after it left
     * (its earlier stay's events are digests; a snapshot or state written before the instant was kept shows it by
     * them). Shared by the monitor and the stream job, so that a case that came back with nothing to settle does not
     * stay for ever.
     */
    static boolean mayLeave(Collection<Held> obligations, Earlier earlier) {
        for (Held held : obligations) {
            if (!ended(held.obligation())) {
                return false;
            }
        }
        return !obligations.isEmpty() || earlier != null && (earlier.left() != null || earlier.size() > 0);
    }

    /** Whether nothing can change the obligation any more without new evidence. */
    static boolean ended(Obligation obligation) {
        return switch (obligation.status()) {
            case MET, MET_LATE, NOT_APPLICABLE -> true;
            // A duty to keep that ended too early: nothing can change it any more.
            case BREACHED -> obligation.dischargeEventId() != null;
            default -> false;
        };
    }

    /**
     * Compares what a case has now with what was last reported ({@code held}, {@code found}, updated in place) and
     * adds a transition for each difference: a new obligation, a status changed, an obligation or finding gone, a
     * new finding. {@code changed} hears each obligation before and after (either null when absent). An obligation or
     * finding that is new, or back after it was withdrawn, numbers its transitions after what {@code earlier} keeps
     * for it, so that an id is never used twice; returns what is kept after the comparison.
     */
    static Earlier diff(Map<String, Held> held, Map<String, Finding> found, List<Obligation> obligations,
                        List<Finding> findings, OffsetDateTime at, Earlier earlier, List<Transition> out,
                        BiConsumer<Obligation, Obligation> changed) {
        // In report order, so that transitions come in the same order however the kernel's maps were filled.
        List<Obligation> ordered = new ArrayList<>(obligations);
        Evaluation.sortForReport(ordered);
        List<Finding> orderedFindings = new ArrayList<>(findings);
        Evaluation.sortFindings(orderedFindings);
        Set<String> seen = new HashSet<>();
        for (Obligation obligation : ordered) {
            seen.add(obligation.id());
            Held before = held.get(obligation.id());
            if (before == null || before.obligation().status() != obligation.status()) {
                Status previous = before == null ? null : before.obligation().status();
                int number = (before == null ? earlier.after(obligation.id()) : before.transitions()) + 1;
                Transition.Kind kind = Transition.Kind.of(previous, obligation.status());
                held.put(obligation.id(), new Held(obligation, number));
                changed.accept(before == null ? null : before.obligation(), obligation);
                out.add(new Transition(obligation.id() + "#" + number + ":" + kind, kind, at, previous, obligation,
                        null));
            } else {
                held.put(obligation.id(), new Held(obligation, before.transitions()));
            }
        }
        Earlier after = earlier;
        for (String id : new ArrayList<>(held.keySet())) {
            if (!seen.contains(id)) {
                Held gone = held.remove(id);
                changed.accept(gone.obligation(), null);
                int number = gone.transitions() + 1;
                after = after.withdrawn(id, number);
                out.add(new Transition(id + "#" + number + ":" + Transition.Kind.WITHDRAWN,
                        Transition.Kind.WITHDRAWN, at, gone.obligation().status(), gone.obligation(), null));
            }
        }
        Map<String, Finding> current = new LinkedHashMap<>();
        orderedFindings.forEach(f -> current.put(findingId(f), f));
        for (Map.Entry<String, Finding> entry : current.entrySet()) {
            if (!found.containsKey(entry.getKey())) {
                out.add(new Transition(entry.getKey() + "#" + (earlier.after(entry.getKey()) + 1) + ":"
                        + Transition.Kind.FINDING, Transition.Kind.FINDING, at, null, null, entry.getValue()));
            }
        }
        for (Map.Entry<String, Finding> entry : found.entrySet()) {
            if (!current.containsKey(entry.getKey())) {
                // One after the number it was found with, which nothing has changed since.
                int number = earlier.after(entry.getKey()) + 2;
                after = after.withdrawn(entry.getKey(), number);
                out.add(new Transition(entry.getKey() + "#" + number + ":" + Transition.Kind.WITHDRAWN,
                        Transition.Kind.WITHDRAWN, at, null, null, entry.getValue()));
            }
        }
        found.clear();
        found.putAll(current);
        return after;
    }

    /** A finding's identity: its code, case, evidence and rule. */
    static String findingId(Finding finding) {
        return "finding:" + finding.code() + ":" + (finding.caseId() == null ? "" : finding.caseId()) + ":"
                + String.join(",", finding.evidence())
                + (finding.citation() == null ? "" : ":" + finding.citation().ruleId());
    }
}
