package org.niyam.compliance.engine.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.niyam.compliance.model.DatedValue;
import org.niyam.compliance.model.Durations;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.Parameter;
import org.niyam.compliance.pack.RulePack;

/**
 * The platform's standing duties judged over the evidence period, not only at its end. A standing duty (an
 * obligation of no case, no trigger and no due instant: an officer in post, an address published) is judged at an
 * instant. An audit judges it at "as of" and, here, at every instant of the period at which that judgement may change
 * without a case: the period's start, each instant the standing facts, the platform's records or the law name
 * ({@link #namedInstants}, the instants a monitor assesses them again at) and each event the platform's rules read
 * (up to {@link #EVENT_INSTANTS}). Between two such instants nothing a standing duty reads changes, so the judgements
 * at them are the judgements over the whole period.
 *
 * <p>A standing duty that was breached, or could not be judged, for a stretch of the period that ended before "as
 * of" gets a second obligation, {@code key@period}, which names every such stretch: {@link Status#BREACHED} when one
 * was a breach, else {@link Status#INDETERMINATE}. Its obligation at "as of" keeps its status, what holds at the end,
 * and says since when, if it was breached or not judged before "as of" too.
 */
public final class StandingOverPeriod {

    /**
     * The most events of the platform's rules whose instants are judged at as well; past it, the named instants
     * only (said at INFO), so that a pack whose platform rules read every event does not evaluate them once per event.
     */
    static final int EVENT_INSTANTS = 256;

    /** Stretches named one by one in an explanation; more are counted. */
    static final int NAMED_STRETCHES = 12;

    private StandingOverPeriod() {
    }

    /**
     * Instants at which a standing duty may change without an event: each instant a standing fact names
     * ({@link StandingFact#changesAt()}: an appointment's start and end) and each bound of the platform's records,
     * with the millisecond after it (a rule may read a bound as inclusive or as exclusive), and each instant a value of
     * the law takes effect.
     */
    public static List<OffsetDateTime> namedInstants(Collection<? extends StandingFact> facts,
                                                     List<? extends Platform> profiles, RuleBase ruleBase) {
        List<OffsetDateTime> named = new ArrayList<>();
        for (StandingFact fact : facts) {
            for (OffsetDateTime instant : fact.changesAt()) {
                named.add(instant);
                named.add(instant.plusNanos(1_000_000));
            }
        }
        for (Platform profile : Platform.history(List.<Platform>copyOf(profiles))) {
            for (OffsetDateTime bound : Arrays.asList(profile.from(), profile.until())) {
                if (bound != null) {
                    named.add(bound);
                    named.add(bound.plusNanos(1_000_000));
                }
            }
        }
        for (Parameter parameter : ruleBase.parameters().values()) {
            for (DatedValue value : parameter.values()) {
                named.add(value.from());
            }
        }
        return List.copyOf(named);
    }

    /**
     * The first instant at which every pack's law answers: the latest of each pack's earliest dated value. Before it a
     * rule asking a pack's parameter may fail (no value in force), as an evaluation as of then would; {@code null} when
     * no pack has dated values.
     */
    static OffsetDateTime lawFrom(RuleBase ruleBase) {
        Map<RulePack, OffsetDateTime> earliest = new HashMap<>();
        ruleBase.parameters().forEach((name, parameter) -> {
            if (!parameter.values().isEmpty()) {
                earliest.merge(ruleBase.parameterOwner(name), parameter.values().get(0).from(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        return earliest.values().stream().max(OffsetDateTime.timeLineOrder()).orElse(null);
    }

    /**
     * The instants to judge the standing duties at before "as of": the period's start (or the instant the law
     * answers from, when later: {@link #lawFrom}) and every named instant after it and before "as of", in time
     * order, each instant once. Empty when the period has no length.
     */
    static List<OffsetDateTime> instants(List<OffsetDateTime> named, OffsetDateTime since, OffsetDateTime lawFrom,
                                         OffsetDateTime asOf) {
        OffsetDateTime start = lawFrom != null && since != null && lawFrom.isAfter(since) ? lawFrom : since;
        if (start == null || !start.isBefore(asOf)) {
            return List.of();
        }
        TreeSet<OffsetDateTime> instants = new TreeSet<>(OffsetDateTime.timeLineOrder());
        instants.add(start);
        for (OffsetDateTime instant : named) {
            if (instant.isAfter(start) && instant.isBefore(asOf)) {
                instants.add(instant);
            }
        }
        return List.copyOf(instants);
    }

    /** Whether the obligation is a standing duty's judgement at an instant. */
    static boolean standing(Obligation obligation) {
        return obligation.caseId() == null && obligation.triggerEventId() == null && obligation.dueAt() == null
                && !obligation.id().endsWith(Obligation.OVER_PERIOD);
    }

    /**
     * The report's obligations with the standing duties judged over the period: each obligation of {@code atEnd} in
     * its place (a standing duty breached, or not judged, at "as of" and for a stretch before it says since when),
     * then a {@code key@period} obligation for each standing duty breached, or not judged, for a stretch that ended
     * before "as of".
     *
     * @param since    the start of the period, for the explanations
     * @param instants the instants before "as of" to judge at ({@link #instants})
     * @param asOf     the end of the period
     * @param judgeAt  the platform's obligations at an instant, as the audit would report them were it as of then
     * @param atEnd    the obligations reported at "as of"
     * @return the obligations; {@code atEnd} itself when the period changes none
     */
    static List<Obligation> overPeriod(OffsetDateTime since, List<OffsetDateTime> instants, OffsetDateTime asOf,
                                       Function<OffsetDateTime, List<Obligation>> judgeAt, List<Obligation> atEnd) {
        if (instants.isEmpty()) {
            return atEnd;
        }
        // Each standing duty's judgement at each instant, the last at "as of"; null where it had none. Only the
        // duties judged as standing at "as of" are followed back: a judgement of another kind there (a duty whose
        // events came later) has no stretch an earlier instant could extend.
        Map<String, Obligation[]> byId = new TreeMap<>();
        int points = instants.size() + 1;
        for (Obligation obligation : atEnd) {
            if (standing(obligation)) {
                byId.computeIfAbsent(obligation.id(), k -> new Obligation[points])[instants.size()] = obligation;
            }
        }
        if (byId.isEmpty()) {
            return atEnd;
        }
        for (int i = 0; i < instants.size(); i++) {
            for (Obligation obligation : judgeAt.apply(instants.get(i))) {
                Obligation[] judged = standing(obligation) ? byId.get(obligation.id()) : null;
                if (judged != null) {
                    judged[i] = obligation;
                }
            }
        }
        Map<String, Obligation> dated = new HashMap<>();
        List<Obligation> rows = new ArrayList<>();
        for (Obligation[] judged : byId.values()) {
            Period period = new Period(since, instants, asOf, judged);
            Obligation end = period.end();
            if (end != judged[judged.length - 1]) {
                dated.put(end.id(), end);
            }
            Obligation row = period.row();
            if (row != null) {
                rows.add(row);
            }
        }
        if (dated.isEmpty() && rows.isEmpty()) {
            return atEnd;
        }
        List<Obligation> all = new ArrayList<>(atEnd.size() + rows.size());
        for (Obligation obligation : atEnd) {
            all.add(standing(obligation) ? dated.getOrDefault(obligation.id(), obligation) : obligation);
        }
        all.addAll(rows);
        return all;
    }

    /** A stretch of equal judgements: from the instant at {@code first} up to the one at {@code end} (exclusive). */
    private record Stretch(int first, int end, Status status) {
    }

    /** One standing duty's judgements over the period: at each instant judged, the last at "as of". */
    private static final class Period {
        private final OffsetDateTime since;
        private final List<OffsetDateTime> instants;
        private final OffsetDateTime asOf;
        private final Obligation[] judged;
        private final List<Stretch> stretches = new ArrayList<>();

        Period(OffsetDateTime since, List<OffsetDateTime> instants, OffsetDateTime asOf, Obligation[] judged) {
            this.since = since;
            this.instants = instants;
            this.asOf = asOf;
            this.judged = judged;
            int first = 0;
            for (int i = 1; i <= judged.length; i++) {
                if (i == judged.length || status(judged[i]) != status(judged[first])) {
                    stretches.add(new Stretch(first, i, status(judged[first])));
                    first = i;
                }
            }
        }

        /** The instant the judgement at {@code index} was made at. */
        private OffsetDateTime at(int index) {
            return index == instants.size() ? asOf : instants.get(index);
        }

        /**
         * The obligation at "as of", saying since when it has been breached or not judged when that began before
         * "as of": the explanation at "as of" names the evidence then, not how long it has been so.
         */
        Obligation end() {
            Obligation end = judged[judged.length - 1];
            Stretch last = stretches.get(stretches.size() - 1);
            if (last.first() == instants.size()
                    || last.status() != Status.BREACHED && last.status() != Status.INDETERMINATE) {
                return end;
            }
            String so = last.status() == Status.BREACHED ? "Breached" : "Not judged";
            String from = last.first() == 0 ? " since the start of the period judged, " + at(0) + "."
                    : " since " + at(last.first()) + ".";
            return new Obligation(end.id(), end.duty(), end.what(), end.caseId(), end.triggeredAt(), end.dueAt(),
                    end.status(), end.citation(), end.triggerEventId(), end.dischargeEventId(), end.dischargedAt(),
                    end.explanation() + " " + so + from);
        }

        /**
         * The {@code key@period} obligation: breached when a stretch that ended before "as of" was a breach, else not
         * judged when one could not be judged; {@code null} when there was none.
         */
        Obligation row() {
            Status worst = null;
            Stretch from = null;
            for (Stretch stretch : stretches.subList(0, stretches.size() - 1)) {
                if (stretch.status() == Status.BREACHED && worst != Status.BREACHED) {
                    worst = Status.BREACHED;
                    from = stretch;
                } else if (stretch.status() == Status.INDETERMINATE && worst == null) {
                    worst = Status.INDETERMINATE;
                    from = stretch;
                }
            }
            if (worst == null) {
                return null;
            }
            Obligation first = judged[from.first()];
            List<String> said = new ArrayList<>();
            said.add(describe(Status.BREACHED, "breached"));
            said.add(describe(Status.INDETERMINATE, "not judged"));
            said.removeIf(String::isEmpty);
            String text = "Over the period from " + since + " to " + asOf + ": " + String.join("; ", said) + ". At "
                    + asOf + ": " + word(judged[judged.length - 1].status()) + ". From " + first.triggeredAt() + ": "
                    + first.explanation();
            return new Obligation(first.id() + Obligation.OVER_PERIOD, first.duty(), first.what(), null,
                    first.triggeredAt(), null, worst, first.citation(), null, null, null, text);
        }

        /** "breached from A to B (3 days), from C to the end of the period (still at D)", or empty. */
        private String describe(Status status, String said) {
            List<String> parts = new ArrayList<>();
            for (Stretch stretch : stretches) {
                if (stretch.status() != status) {
                    continue;
                }
                OffsetDateTime start = at(stretch.first());
                if (stretch.end() > instants.size()) {
                    parts.add("from " + start + " to the end of the period (still at " + asOf + ")");
                } else {
                    OffsetDateTime stop = at(stretch.end());
                    parts.add("from " + start + " to " + stop + " ("
                            + Durations.describe(Duration.between(start, stop)) + ")");
                }
            }
            if (parts.isEmpty()) {
                return "";
            }
            int shown = Math.min(parts.size(), NAMED_STRETCHES);
            return said + " " + String.join(", ", parts.subList(0, shown))
                    + (parts.size() > shown ? ", and " + (parts.size() - shown) + " more stretches" : "");
        }
    }

    private static Status status(Obligation obligation) {
        return obligation == null ? null : obligation.status();
    }

    private static String word(Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
