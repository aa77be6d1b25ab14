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
 * without an event: the period's start and each instant the standing facts, the platform's records or the law name
 * ({@link #namedInstants}, the instants a monitor assesses them again at). Between two such instants nothing a
 * standing duty reads changes, so the judgements at them are the judgements over the whole period.
 *
 * <p>A standing duty that was breached, or could not be judged, for a stretch of the period that ended before "as
 * of" gets a second obligation, {@code key@period}, which names every such stretch: {@link Status#BREACHED} when one
 * was a breach, else {@link Status#INDETERMINATE}. Its obligation at "as of" is left as it is: what holds at the end.
 */
public final class StandingOverPeriod {

    /** What the id of a standing duty's obligation over the period ends with, after its key. */
    public static final String SUFFIX = "@period";

    /**
     * The most events of the platform's rules whose instants are judged at as well; past it, the named instants
     * only (said at WARN), so that a pack whose platform rules read every event does not evaluate them once per event.
     */
    static final int EVENT_INSTANTS = 1_000;

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
                && !obligation.id().endsWith(SUFFIX);
    }

    /**
     * The obligations over the period.
     *
     * @param since    the start of the period, for the explanations
     * @param instants the instants before "as of" to judge at ({@link #instants})
     * @param asOf     the end of the period
     * @param judgeAt  the platform's obligations at an instant, as the audit would report them were it as of then
     * @param atEnd    the obligations reported at "as of"
     * @return a {@code key@period} obligation for each standing duty breached or not judged for a stretch that ended
     *         before "as of", in no particular order
     */
    static List<Obligation> overPeriod(OffsetDateTime since, List<OffsetDateTime> instants, OffsetDateTime asOf,
                                       Function<OffsetDateTime, List<Obligation>> judgeAt, List<Obligation> atEnd) {
        if (instants.isEmpty()) {
            return List.of();
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
            return List.of();
        }
        for (int i = 0; i < instants.size(); i++) {
            for (Obligation obligation : judgeAt.apply(instants.get(i))) {
                Obligation[] judged = standing(obligation) ? byId.get(obligation.id()) : null;
                if (judged != null) {
                    judged[i] = obligation;
                }
            }
        }
        List<Obligation> over = new ArrayList<>();
        for (Obligation[] judged : byId.values()) {
            Obligation row = row(since, instants, asOf, judged);
            if (row != null) {
                over.add(row);
            }
        }
        return over;
    }

    /** A stretch of equal judgements: from the instant at {@code first} up to the one at {@code end} (exclusive). */
    private record Stretch(int first, int end, Status status) {
    }

    private static Obligation row(OffsetDateTime since, List<OffsetDateTime> instants, OffsetDateTime asOf,
                                  Obligation[] judged) {
        List<Stretch> stretches = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= judged.length; i++) {
            if (i == judged.length || status(judged[i]) != status(judged[first])) {
                stretches.add(new Stretch(first, i, status(judged[first])));
                first = i;
            }
        }
        // The last stretch holds at "as of": the obligation there says so. A stretch before it that was a breach, or
        // could not be judged, is what an audit of the period must show.
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
        Obligation at = judged[from.first()];
        StringBuilder text = new StringBuilder("Over the period from ").append(since).append(" to ")
                .append(asOf).append(':');
        describe(text, stretches, Status.BREACHED, "breached", instants, asOf);
        describe(text, stretches, Status.INDETERMINATE, "could not be judged", instants, asOf);
        text.append(" At ").append(asOf).append(": ").append(word(judged[judged.length - 1].status())).append('.')
                .append(" From ").append(at.triggeredAt()).append(": ").append(at.explanation());
        return new Obligation(at.id() + SUFFIX, at.duty(), at.what(), null, at.triggeredAt(), null, worst,
                at.citation(), null, null, null, text.toString());
    }

    /** Appends " breached from A to B (3 days) and from C to the end." for the stretches of the status. */
    private static void describe(StringBuilder text, List<Stretch> stretches, Status status, String said,
                                 List<OffsetDateTime> instants, OffsetDateTime asOf) {
        List<String> parts = new ArrayList<>();
        for (Stretch stretch : stretches) {
            if (stretch.status() != status) {
                continue;
            }
            OffsetDateTime start = stretch.first() == instants.size() ? asOf : instants.get(stretch.first());
            if (stretch.end() > instants.size()) {
                parts.add("from " + start + " to the end of the period (still at " + asOf + ")");
            } else {
                OffsetDateTime stop = stretch.end() == instants.size() ? asOf : instants.get(stretch.end());
                parts.add("from " + start + " to " + stop + " (" + Durations.describe(Duration.between(start, stop))
                        + ")");
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        int shown = Math.min(parts.size(), NAMED_STRETCHES);
        text.append(' ').append(said).append(' ').append(String.join(", ", parts.subList(0, shown)));
        if (parts.size() > shown) {
            text.append(", and ").append(parts.size() - shown).append(" more stretches");
        }
        text.append('.');
    }

    private static Status status(Obligation obligation) {
        return obligation == null ? null : obligation.status();
    }

    private static String word(Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
