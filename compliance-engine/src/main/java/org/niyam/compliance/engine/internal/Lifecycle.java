package org.niyam.compliance.engine.internal;

import org.niyam.compliance.model.Durations;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAmount;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.niyam.compliance.model.Assessment;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.DatedValue;
import org.niyam.compliance.model.Discharge;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.Parameter;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * The obligation lifecycle, the same for every duty of every pack: a trigger starts a clock whose length is the
 * parameter value in force at the trigger; the earliest discharge stops it; the due instant passing breaches it
 * (or, for a duty {@link Duty#indeterminateIfNotDone}, leaves it indeterminate).
 * Rules decide which duties arise and what discharges them; this class alone decides status and deadlines.
 * Not API.
 */
public final class Lifecycle {

    /** Earliest discharge first; the event id breaks ties so the answer does not depend on input order. */
    public static final Comparator<Discharge> EARLIEST =
            Comparator.comparingLong((Discharge d) -> d.at().toEpochSecond()).thenComparingInt(d -> d.at().getNano())
                    .thenComparing(Discharge::eventId);

    private final RuleBase ruleBase;
    private final double atRiskFraction;
    /** When given, an open duty is at risk once no more than this is left, whatever its clock. */
    private final Duration atRiskMargin;

    /** Each duration parameter with values, by name, worked out once: see {@link Clock}. */
    private final Map<String, Clock> clocks = new HashMap<>();
    /** Each rule's citations, one per version of its pack, by rule id: see {@link Cited}. */
    private final Map<String, Cited> citations = new HashMap<>();
    /** "As of" as the explanations write it, for the last instant asked: one text per evaluation, not per obligation. */
    private volatile AsOf lastAsOf;

    public Lifecycle(RuleBase ruleBase, double atRiskFraction, Duration atRiskMargin) {
        this.ruleBase = ruleBase;
        this.atRiskFraction = atRiskFraction;
        this.atRiskMargin = atRiskMargin;
        ruleBase.parameters().forEach((name, parameter) -> {
            Clock clock = Clock.of(parameter, ruleBase.parameterOwner(name));
            if (clock != null) {
                clocks.put(name, clock);
            }
        });
        Map<RulePack, Versions> versions = new HashMap<>();
        ruleBase.rules().forEach((id, rule) -> citations.put(id, new Cited(rule,
                versions.computeIfAbsent(rule.pack(), Versions::new))));
    }

    /*
     * What the kernel asks once per obligation (the length in force at the trigger, the version cited, "as of" in
     * words, instants compared) is worked out here once per parameter, rule and evaluation, and instants are compared
     * as epoch seconds and nanoseconds worked out once per obligation: OffsetDateTime.isAfter and Duration.between
     * work out both sides' epoch seconds at every call. Measured on the 10^6-event log, one thread: Lifecycle's
     * share of the engine's samples went from 8.6% to 6.8%; with the other changes of that round, 7% less CPU per
     * audit (docs/performance.md, "Changes measured, kept and not"). Every text is the one the plain path writes
     * (LifecycleFastPathTest).
     */

    /** A duration parameter's values, their start instants as epoch seconds and nanoseconds, and their lengths. */
    private record Clock(Parameter parameter, RulePack pack, long[] fromSeconds, int[] fromNanos,
                         TemporalAmount[] lengths, String[] described, Map<String, String> notes) {

        /** {@code null} when the plain path must decide: not a duration, no values, or a value of another type. */
        static Clock of(Parameter parameter, RulePack pack) {
            if (parameter.type() != Parameter.Type.DURATION || parameter.values().isEmpty() || pack == null) {
                return null;
            }
            List<DatedValue> values = parameter.values();
            long[] seconds = new long[values.size()];
            int[] nanos = new int[values.size()];
            TemporalAmount[] lengths = new TemporalAmount[values.size()];
            String[] described = new String[values.size()];
            for (int i = 0; i < values.size(); i++) {
                if (!(values.get(i).value() instanceof TemporalAmount length)) {
                    return null;
                }
                seconds[i] = values.get(i).from().toEpochSecond();
                nanos[i] = values.get(i).from().getNano();
                lengths[i] = length;
                described[i] = Durations.describe(length);
            }
            return new Clock(parameter, pack, seconds, nanos, lengths, described, new ConcurrentHashMap<>());
        }

        /** As {@link Parameter#at}: the index of the last value not starting after the instant, or -1. */
        int indexAt(long seconds, int nanos) {
            return lastNotAfter(fromSeconds, fromNanos, seconds, nanos);
        }
    }

    /** The index of the last start not after the instant, or -1: starts in the order given, as the plain loops read them. */
    private static int lastNotAfter(long[] fromSeconds, int[] fromNanos, long seconds, int nanos) {
        int found = -1;
        for (int i = 0; i < fromSeconds.length; i++) {
            if (fromSeconds[i] > seconds || fromSeconds[i] == seconds && fromNanos[i] > nanos) {
                break;
            }
            found = i;
        }
        return found;
    }

    /** A pack's versions' start instants, as {@link RulePack#versionAt} compares them. */
    private static final class Versions {
        final long[] seconds;
        final int[] nanos;

        Versions(RulePack pack) {
            List<org.niyam.compliance.pack.LawVersion> versions = pack.versions();
            seconds = new long[versions.size()];
            nanos = new int[versions.size()];
            for (int i = 0; i < versions.size(); i++) {
                seconds[i] = versions.get(i).from().toEpochSecond();
                nanos[i] = versions.get(i).from().getNano();
            }
        }
    }

    /** A rule's citation under each version of its pack (one when the pack has none), and its unconfirmed note. */
    private static final class Cited {
        final RuleBase.RuleInfo rule;
        final Versions versions;
        final Citation[] byVersion;
        final String unconfirmedNote;

        Cited(RuleBase.RuleInfo rule, Versions versions) {
            this.rule = rule;
            this.versions = versions;
            List<org.niyam.compliance.pack.LawVersion> list = rule.pack().versions();
            if (list.isEmpty()) {
                byVersion = new Citation[] {new Citation(rule.instrument(), rule.clause(),
                        rule.pack().versionAt(OffsetDateTime.MIN), rule.id())};
            } else {
                byVersion = new Citation[list.size()];
                for (int i = 0; i < list.size(); i++) {
                    byVersion[i] = new Citation(rule.instrument(), rule.clause(), list.get(i).name(), rule.id());
                }
            }
            unconfirmedNote = Lifecycle.unconfirmedNote(rule);
        }

        /** The citation at the instant, or {@code null} when no version is in force yet. */
        Citation at(long seconds, int nanos) {
            if (versions.seconds.length == 0) {
                return byVersion[0];
            }
            int index = lastNotAfter(versions.seconds, versions.nanos, seconds, nanos);
            return index < 0 ? null : byVersion[index];
        }
    }

    /** "As of" with its epoch second, nanosecond and text. */
    private record AsOf(OffsetDateTime at, long seconds, int nanos, String text) {
    }

    private AsOf asOf(OffsetDateTime asOf) {
        AsOf last = lastAsOf;
        if (last == null || last.at() != asOf) {
            last = new AsOf(asOf, asOf.toEpochSecond(), asOf.getNano(), asOf.toString());
            lastAsOf = last;
        }
        return last;
    }

    /** Compares two instants given as epoch seconds and nanoseconds. */
    private static int compare(long aSeconds, int aNanos, long bSeconds, int bNanos) {
        int bySecond = Long.compare(aSeconds, bSeconds);
        return bySecond != 0 ? bySecond : Integer.compare(aNanos, bNanos);
    }

    /** As {@link Duration#between} of the two instants, which it equals exactly. */
    private static Duration between(long fromSeconds, int fromNanos, long toSeconds, int toNanos) {
        return Duration.ofSeconds(toSeconds - fromSeconds, (long) toNanos - fromNanos);
    }

    /**
     * Where a time-bound duty stands at {@code asOf}.
     *
     * @param discharges every discharge of this duty that happened by {@code asOf}, in any order
     */
    public Obligation timeBound(Duty duty, RuleBase.RuleInfo rule, List<Discharge> discharges, OffsetDateTime asOf) {
        return timeBound(duty, duty.obligationId(), rule, discharges, asOf);
    }

    /**
     * As {@link #timeBound(Duty, RuleBase.RuleInfo, List, OffsetDateTime)}, given the duty's obligation id, which
     * {@link Duty#obligationId()} builds anew at each call.
     */
    public Obligation timeBound(Duty duty, String obligationId, RuleBase.RuleInfo rule, List<Discharge> discharges,
                                OffsetDateTime asOf) {
        Clock fast = duty.kind() == Duty.Kind.PERIODIC ? null : clocks.get(duty.clock());
        Cited cited = citations.get(rule.id());
        if (fast != null && cited != null && cited.rule == rule) {
            Obligation obligation = timeBound(duty, obligationId, cited, fast, discharges, asOf);
            if (obligation != null) {
                return obligation;
            }
        }
        return plainTimeBound(duty, rule, discharges, asOf);
    }

    /**
     * The fast path of a duty to act or to keep, with a clock of values: the same obligation as
     * {@link #plainTimeBound}, or {@code null} for it to decide (not in force at the trigger, no version cited).
     */
    private Obligation timeBound(Duty duty, String obligationId, Cited cited, Clock clock, List<Discharge> discharges,
                                 OffsetDateTime asOf) {
        OffsetDateTime start = duty.triggeredAt();
        long startSeconds = start.toEpochSecond();
        int startNanos = start.getNano();
        int index = clock.indexAt(startSeconds, startNanos);
        Citation citation = cited.at(startSeconds, startNanos);
        if (index < 0 || citation == null) {
            return null;
        }
        TemporalAmount length = clock.lengths()[index];
        OffsetDateTime due = start.plus(length);
        long dueSeconds = due.toEpochSecond();
        int dueNanos = due.getNano();
        String amendmentNote = "";
        long[] fromSeconds = clock.fromSeconds();
        int[] fromNanos = clock.fromNanos();
        for (int i = 0; i < fromSeconds.length; i++) {
            // as spanNote: the first value starting after the start and not after the due instant
            if (compare(fromSeconds[i], fromNanos[i], startSeconds, startNanos) > 0
                    && compare(fromSeconds[i], fromNanos[i], dueSeconds, dueNanos) <= 0) {
                // The same text for every clock of this value, spanning value i, started under this version: made
                // once (it formats an instant and two lengths), not once per obligation.
                String version = clock.pack().versionAt(start);
                amendmentNote = clock.notes().computeIfAbsent(index + " " + i + " " + version,
                        k -> spanNote(clock.parameter(), clock.parameter().values().get(index), start, due,
                                clock.pack()));
                break;
            }
        }
        Discharge first = earliest(duty, discharges);
        AsOf now = asOf(asOf);
        Verdict verdict = duty.kind() == Duty.Kind.KEEP_UNTIL
                ? keepUntil(startSeconds, startNanos, dueSeconds, dueNanos, clock.described()[index], first, now)
                : actBy(start, startSeconds, startNanos, due, dueSeconds, dueNanos, clock.described()[index], first,
                        now, duty.ifNotDone());
        String explanation = verdict.explanation() + early(duty, discharges, verdict.status()) + amendmentNote
                + note(duty) + cited.unconfirmedNote;
        return new Obligation(obligationId, duty.key(), duty.what(), duty.caseId(), start, due, verdict.status(),
                citation, duty.triggerEventId(), first == null ? null : first.eventId(),
                first == null ? null : first.at(), explanation);
    }

    /** {@link #actBy(OffsetDateTime, OffsetDateTime, String, Discharge, OffsetDateTime)} on epoch instants. */
    private Verdict actBy(OffsetDateTime start, long startSeconds, int startNanos, OffsetDateTime due,
                          long dueSeconds, int dueNanos, String allowed, Discharge first, AsOf asOf,
                          String ifNotDone) {
        boolean dueAtStart = dueSeconds == startSeconds && dueNanos == startNanos;
        if (first != null) {
            long atSeconds = first.at().toEpochSecond();
            int atNanos = first.at().getNano();
            Duration taken = between(startSeconds, startNanos, atSeconds, atNanos);
            boolean afterDue = compare(atSeconds, atNanos, dueSeconds, dueNanos) > 0;
            if (dueAtStart && afterDue) {
                return new Verdict(Status.MET_LATE, "Done " + Durations.describe(taken)
                        + " late: it was due when the clock started, with no time allowed.");
            }
            if (dueAtStart) {
                return new Verdict(Status.MET, taken.isZero() ? "Done when the clock started, when it was due."
                        : "Done " + Durations.describe(taken.negated()) + " before the clock started, when it was due.");
            }
            if (taken.isNegative()) {
                return new Verdict(Status.MET, "Done " + Durations.describe(taken.negated())
                        + " before the clock started.");
            }
            if (!afterDue) {
                return new Verdict(Status.MET, "Done " + Durations.describe(taken)
                        + " after the clock started, within the " + allowed + " allowed.");
            }
            return new Verdict(Status.MET_LATE, "Done " + Durations.describe(taken) + " after the clock started, "
                    + Durations.describe(between(dueSeconds, dueNanos, atSeconds, atNanos)) + " after the "
                    + allowed + " allowed.");
        }
        boolean overdue = compare(asOf.seconds(), asOf.nanos(), dueSeconds, dueNanos) > 0;
        if (overdue && ifNotDone != null) {
            // Duty.indeterminateIfNotDone: it may have been done before the clock started, so no breach is shown.
            return new Verdict(Status.INDETERMINATE, "Not done "
                    + (dueAtStart ? "when the clock started, when it was due" : "within the " + allowed + " allowed")
                    + " (overdue by " + Durations.describe(between(dueSeconds, dueNanos, asOf.seconds(), asOf.nanos()))
                    + " at " + asOf.text() + "), but that does not show a breach: " + ifNotDone);
        }
        if (overdue && dueAtStart) {
            return new Verdict(Status.BREACHED, "Not done: it was due when the clock started, with no time allowed; overdue by "
                    + Durations.describe(between(dueSeconds, dueNanos, asOf.seconds(), asOf.nanos())) + " at "
                    + asOf.text() + ".");
        }
        if (overdue) {
            return new Verdict(Status.BREACHED, "Not done within the " + allowed + " allowed; overdue by "
                    + Durations.describe(between(dueSeconds, dueNanos, asOf.seconds(), asOf.nanos())) + " at "
                    + asOf.text() + ".");
        }
        Duration left = between(asOf.seconds(), asOf.nanos(), dueSeconds, dueNanos);
        boolean atRisk = !asOf.at().isBefore(atRiskFrom(start, due));
        return new Verdict(atRisk ? Status.AT_RISK : Status.OPEN, "Not done yet; " + Durations.describe(left)
                + " left of the " + allowed + " allowed.");
    }

    /** {@link #keepUntil(OffsetDateTime, OffsetDateTime, TemporalAmount, Discharge, OffsetDateTime)} on epoch instants. */
    private static Verdict keepUntil(long startSeconds, int startNanos, long dueSeconds, int dueNanos,
                                     String required, Discharge end, AsOf asOf) {
        if (end != null) {
            long endSeconds = end.at().toEpochSecond();
            int endNanos = end.at().getNano();
            if (compare(endSeconds, endNanos, dueSeconds, dueNanos) < 0) {
                return new Verdict(Status.BREACHED, "Ended by " + end.eventId() + " "
                        + Durations.describe(between(startSeconds, startNanos, endSeconds, endNanos))
                        + " after it started, "
                        + Durations.describe(between(endSeconds, endNanos, dueSeconds, dueNanos)) + " before the "
                        + required + " required.");
            }
        }
        if (end != null || compare(asOf.seconds(), asOf.nanos(), dueSeconds, dueNanos) >= 0) {
            return new Verdict(Status.MET, "Kept for the " + required + " required.");
        }
        return new Verdict(Status.OPEN, "Being kept; "
                + Durations.describe(between(asOf.seconds(), asOf.nanos(), dueSeconds, dueNanos))
                + " left of the " + required + " required.");
    }

    /** The plain path of {@link #timeBound}: every duty, every clock. */
    Obligation plainTimeBound(Duty duty, RuleBase.RuleInfo rule, List<Discharge> discharges,
                                      OffsetDateTime asOf) {
        Parameter clock = ruleBase.parameters().get(duty.clock());
        if (clock == null || clock.type() != Parameter.Type.DURATION) {
            throw new RuleExecutionException(rule.id(), "rule " + rule.describe() + " opened duty '" + duty.key() + "' with clock '" + duty.clock() + "', but "
                    + (clock == null ? "no pack defines that parameter" : "that parameter is a " + clock.type()
                    + ", not a duration"), null);
        }
        OffsetDateTime start = duty.triggeredAt();
        RulePack pack = ruleBase.parameterOwner(duty.clock());
        if (clock.values().isEmpty()) {
            return withoutClock(duty, rule, discharges, start, asOf);
        }
        DatedValue inForce = clock.at(start);
        if (inForce == null) {
            OffsetDateTime firstFrom = clock.values().get(0).from();
            return new Obligation(duty.obligationId(), duty.key(), duty.what(), duty.caseId(), start, null,
                    Status.NOT_APPLICABLE, citation(rule, start), duty.triggerEventId(), null, null,
                    "Not in force when the clock would have started (" + start + "): this clock applies from "
                            + firstFrom + ".");
        }
        TemporalAmount length = (TemporalAmount) inForce.value();
        OffsetDateTime due = start.plus(length);
        String amendmentNote;
        if (duty.kind() == Duty.Kind.PERIODIC) {
            Periodic periodic = periodic(clock, inForce, start, pack);
            due = periodic.due();
            amendmentNote = periodic.note();
        } else {
            amendmentNote = spanNote(clock, inForce, start, due, pack);
        }
        Discharge first = earliest(duty, discharges);

        Verdict verdict = duty.kind() == Duty.Kind.KEEP_UNTIL
                ? keepUntil(start, due, length, first, asOf)
                : actBy(start, due, due.isEqual(start.plus(length)) ? Durations.describe(length) : "time",
                        first, asOf, duty.ifNotDone());
        String explanation = verdict.explanation() + early(duty, discharges, verdict.status()) + amendmentNote
                + note(duty) + unconfirmedNote(rule);
        return new Obligation(duty.obligationId(), duty.key(), duty.what(), duty.caseId(), start, due, verdict.status(),
                citation(rule, start), duty.triggerEventId(), first == null ? null : first.eventId(),
                first == null ? null : first.at(), explanation);
    }

    /**
     * The discharge that counts for the duty: the first by {@link #EARLIEST}, or for a duty {@link
     * Duty#notBeforeTrigger} the first at or after its trigger; {@code null} when none.
     */
    private static Discharge earliest(Duty duty, List<Discharge> discharges) {
        if (!duty.countsFromTrigger()) {
            return earliest(discharges);
        }
        OffsetDateTime start = duty.triggeredAt();
        Discharge first = null;
        for (Discharge discharge : discharges) {
            if (!discharge.at().isBefore(start) && (first == null || EARLIEST.compare(discharge, first) < 0)) {
                first = discharge;
            }
        }
        return first;
    }

    /**
     * For a duty {@link Duty#notBeforeTrigger} left breached, open, at risk, met late or indeterminate: the latest
     * act before its trigger that would have discharged it, named as not counting; otherwise empty.
     */
    private static String early(Duty duty, List<Discharge> discharges, Status status) {
        if (!duty.countsFromTrigger() || status == Status.MET || status == Status.NOT_APPLICABLE) {
            return "";
        }
        OffsetDateTime start = duty.triggeredAt();
        Discharge latest = null;
        for (Discharge discharge : discharges) {
            if (discharge.at().isBefore(start) && (latest == null || EARLIEST.compare(discharge, latest) > 0)) {
                latest = discharge;
            }
        }
        return latest == null ? "" : " " + latest.eventId() + " (at " + latest.at() + ") came "
                + Durations.describe(Duration.between(latest.at(), start)) + " before the clock started ("
                + start + "), so it does not count.";
    }

    /** The first of the discharges by {@link #EARLIEST}, or {@code null}: without a stream, and usually of one. */
    private static Discharge earliest(List<Discharge> discharges) {
        Discharge first = null;
        for (Discharge discharge : discharges) {
            if (first == null || EARLIEST.compare(discharge, first) < 0) {
                first = discharge;
            }
        }
        return first;
    }

    private record Verdict(Status status, String explanation) {
    }

    private static String note(Duty duty) {
        return duty.note() == null ? "" : " " + duty.note();
    }

    /**
     * A clock whose length is a setting the platform has not set (the law fixes no time): acting meets the duty,
     * and until then it is open with no due instant. Whether it was late only a service level can say; missing
     * one is not a missing fact. A duty to keep something has no end without a length, so it stays indeterminate.
     */
    private Obligation withoutClock(Duty duty, RuleBase.RuleInfo rule, List<Discharge> discharges,
                                    OffsetDateTime start, OffsetDateTime asOf) {
        String noTime = "The law sets no time for this, and the platform's own service level '" + duty.clock()
                + "' is not set (ComplianceEngine.Builder.setting)";
        Citation citation = citation(rule, start);
        if (duty.kind() == Duty.Kind.KEEP_UNTIL) {
            return new Obligation(duty.obligationId(), duty.key(), duty.what(), duty.caseId(), start, null,
                    Status.INDETERMINATE, citation, duty.triggerEventId(), null, null,
                    noTime + "." + note(duty) + unconfirmedNote(rule));
        }
        Discharge first = earliest(duty, discharges);
        if (first != null) {
            Duration taken = Duration.between(start, first.at());
            String when = taken.isNegative() ? Durations.describe(taken.negated()) + " before the clock started"
                    : Durations.describe(taken) + " after the clock started";
            return new Obligation(duty.obligationId(), duty.key(), duty.what(), duty.caseId(), start, null,
                    Status.MET, citation, duty.triggerEventId(), first.eventId(), first.at(),
                    "Done " + when + ". " + noTime + ", so doing it at all meets it." + note(duty)
                            + unconfirmedNote(rule));
        }
        return new Obligation(duty.obligationId(), duty.key(), duty.what(), duty.caseId(), start, null,
                Status.OPEN, citation, duty.triggerEventId(), null, null,
                "Not done yet, " + Durations.describe(Duration.between(start, asOf)) + " after the clock started. "
                        + noTime + ", so it is open with no due instant." + early(duty, discharges, Status.OPEN)
                        + note(duty) + unconfirmedNote(rule));
    }

    /** The due instant of a periodic duty, and what the explanation says about an amended interval. */
    private record Periodic(OffsetDateTime due, String note) {
    }

    /**
     * A periodic duty (see {@link Duty.Kind#PERIODIC}): an interval that changes while the clock runs applies from
     * its effective date, so the due instant is the earliest of the start plus the interval in force at the start
     * and each later effective date (before that due instant) plus its interval.
     */
    private static Periodic periodic(Parameter clock, DatedValue inForce, OffsetDateTime start, RulePack pack) {
        TemporalAmount length = (TemporalAmount) inForce.value();
        OffsetDateTime due = start.plus(length);
        String note = "";
        for (DatedValue next : clock.values()) {
            if (!next.from().isAfter(start) || next.from().isAfter(due)) {
                continue;
            }
            TemporalAmount nextLength = (TemporalAmount) next.value();
            OffsetDateTime fromChange = next.from().plus(nextLength);
            String version = pack.versionAt(next.from());
            String rule = "The interval became " + Durations.describe(nextLength) + " on " + next.from()
                    + (version == null ? "" : " ('" + version + "')") + " while this clock ran; it applies from "
                    + "then, not to time before: due at the earlier of the start + " + Durations.describe(length)
                    + " (" + due + ") and " + next.from() + " + " + Durations.describe(nextLength)
                    + " (" + fromChange + ")";
            if (fromChange.isBefore(due)) {
                due = fromChange;
            }
            note = " " + rule + ".";
        }
        return new Periodic(due, note);
    }

    /** @param allowed the time allowed as the explanation names it, e.g. {@code 36 h} */
    private Verdict actBy(OffsetDateTime start, OffsetDateTime due, String allowed, Discharge first,
                          OffsetDateTime asOf, String ifNotDone) {
        return actBy(start, start.toEpochSecond(), start.getNano(), due, due.toEpochSecond(), due.getNano(), allowed,
                first, asOf(asOf), ifNotDone);
    }

    /**
     * The first instant at which an open duty to act is at risk: when no more than the warning margin is left, if
     * one was given, else no more than the at-risk fraction of its clock (whole milliseconds); {@code due + 1 ms}
     * (never) when neither is set.
     */
    private OffsetDateTime atRiskFrom(OffsetDateTime start, OffsetDateTime due) {
        if (atRiskMargin != null) {
            return due.minus(atRiskMargin);
        }
        if (atRiskFraction <= 0) {
            return due.plusNanos(1_000_000);
        }
        long clock = Duration.between(start, due).toMillis();
        return due.minusNanos((long) Math.floor(clock * atRiskFraction) * 1_000_000);
    }

    /**
     * The next instant after {@code asOf} at which the obligation's status would change if no evidence arrived: at
     * risk, breached (or indeterminate, {@link Duty#indeterminateIfNotDone}) one millisecond after the due instant, or
     * met when a duty to keep reaches it; {@code null} when only new evidence can change it. A live monitor sets its
     * timers here.
     */
    public OffsetDateTime nextChange(Obligation obligation, OffsetDateTime asOf) {
        OffsetDateTime due = obligation.dueAt();
        if (due == null || obligation.triggerEventId() == null || obligation.dischargeEventId() != null
                || (obligation.status() != Status.OPEN && obligation.status() != Status.AT_RISK)) {
            return null;
        }
        OffsetDateTime[] candidates = {atRiskFrom(obligation.triggeredAt(), due), due, due.plusNanos(1_000_000)};
        OffsetDateTime next = null;
        for (OffsetDateTime candidate : candidates) {
            if (candidate.isAfter(asOf) && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return next;
    }

    /** A duty to keep: ending before the due instant breaches it; reaching the due instant meets it. */
    private static Verdict keepUntil(OffsetDateTime start, OffsetDateTime due, TemporalAmount length, Discharge end,
                                     OffsetDateTime asOf) {
        if (end != null && end.at().isBefore(due)) {
            return new Verdict(Status.BREACHED, "Ended by " + end.eventId() + " "
                    + Durations.describe(Duration.between(start, end.at())) + " after it started, "
                    + Durations.describe(Duration.between(end.at(), due)) + " before the "
                    + Durations.describe(length) + " required.");
        }
        if (end != null || !asOf.isBefore(due)) {
            return new Verdict(Status.MET, "Kept for the " + Durations.describe(length) + " required.");
        }
        return new Verdict(Status.OPEN, "Being kept; " + Durations.describe(Duration.between(asOf, due))
                + " left of the " + Durations.describe(length) + " required.");
    }

    /** A standing duty as a rule assessed it at {@code asOf}. */
    public Obligation standing(Assessment assessment, RuleBase.RuleInfo rule, OffsetDateTime asOf) {
        String explanation = assessment.explanation();
        if (!assessment.evidence().isEmpty()) {
            explanation += " Evidence: " + String.join(", ", assessment.evidence()) + ".";
        }
        explanation += unconfirmedNote(rule);
        // A verdict on one matter is dated, and cited, at that matter; a standing duty at "as of".
        OffsetDateTime at = assessment.triggeredAt() != null ? assessment.triggeredAt() : asOf;
        return new Obligation(assessment.obligationId(), assessment.key(), assessment.what(), assessment.caseId(), at,
                null, assessment.status(), citation(rule, at), assessment.triggerEventId(), null, null, explanation);
    }

    /** The citation of a rule, with the version of its instrument in force at the instant. */
    public Citation citation(RuleBase.RuleInfo rule, OffsetDateTime instant) {
        Cited cited = citations.get(rule.id());
        if (cited != null && cited.rule == rule) {
            Citation citation = cited.at(instant.toEpochSecond(), instant.getNano());
            if (citation != null) {
                return citation;
            }
        }
        return plainCitation(rule, instant);
    }

    /** {@link #citation} worked out each time. */
    Citation plainCitation(RuleBase.RuleInfo rule, OffsetDateTime instant) {
        String version = rule.pack().versionAt(instant);
        return new Citation(rule.instrument(), rule.clause(),
                version == null ? "not yet in force at " + instant : version, rule.id());
    }

    /** Rules marked {@code @unconfirmed} say so in every answer they give. */
    private static String unconfirmedNote(RuleBase.RuleInfo rule) {
        return rule.unconfirmed() == null ? "" : " Unconfirmed reading (" + rule.unconfirmed()
                + "); rule " + rule.id() + " can be switched off.";
    }

    /**
     * The law has no transitional provision: a clock keeps the length in force when it started. When a later value
     * takes effect before the clock runs out, the explanation says so, since auditors will ask.
     */
    private static String spanNote(Parameter clock, DatedValue inForce, OffsetDateTime start,
                                   OffsetDateTime due, RulePack pack) {
        for (DatedValue next : clock.values()) {
            if (next.from().isAfter(start) && !next.from().isAfter(due)) {
                String version = pack.versionAt(start);
                return " The clock started under " + (version == null ? "an earlier version" : "'" + version + "'")
                        + " and keeps its " + Durations.describe((TemporalAmount) inForce.value()) + "; the "
                        + Durations.describe((TemporalAmount) next.value()) + " in force from " + next.from()
                        + " applies only to clocks that start from then.";
            }
        }
        return "";
    }
}
