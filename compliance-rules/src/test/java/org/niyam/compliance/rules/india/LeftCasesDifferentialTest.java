package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Transition;

/**
 * The live monitor against {@code evaluate} of the whole log when events come later than a case is kept: on generated
 * logs, events delivered with delays (most within the out-of-order bound, some by days, beyond the one day ended cases
 * are kept), every obligation the transitions end with is either {@code evaluate}'s at the monitor's last instant, or
 * covered by a {@code case-came-back} finding of its case sent before (or with) its last transition, as
 * docs/monitoring.md says what the finding covers: a mark by the finding of the event it names, an obligation judged
 * after the case came back by a finding of that stay (the one that names the instant the case last left), not by one
 * of an earlier stay. Copies of events, delivered later again, change nothing. Seeds are fixed and printed;
 * {@code -Dniyam.left.runs=N} for more, {@code -Dniyam.left.seed=S} to start elsewhere.
 */
class LeftCasesDifferentialTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final Duration BOUND = Duration.ofHours(2);
    private static final Duration RETAIN = Duration.ofDays(1);
    static final String CAME_BACK = "case-came-back";

    static Stream<Long> seeds() {
        long runs = Long.getLong("niyam.left.runs", 24);
        long first = Long.getLong("niyam.left.seed", 20261206L);
        return Stream.iterate(first, s -> s + 7919).limit(runs);
    }

    /** An event and the instant of event time it is delivered at. */
    record Arrival(CaseEvent event, long key) {
    }

    /**
     * Each event at its instant plus a delay: within the bound mostly, by up to twenty days one time in five; with
     * {@code copies}, one event in four is delivered a second time, up to twenty days after its instant.
     */
    static List<CaseEvent> arrivals(List<CaseEvent> events, Random random, boolean copies) {
        List<Arrival> arrivals = new ArrayList<>();
        for (CaseEvent event : events) {
            long at = event.at().toInstant().toEpochMilli();
            boolean straggler = event.id().startsWith("straggler-");
            long delay = random.nextInt(straggler ? 2 : 5) == 0
                    ? (long) (random.nextDouble() * Duration.ofDays(20).toMillis())
                    : (long) (random.nextDouble() * BOUND.toMillis());
            arrivals.add(new Arrival(event, at + delay));
            long copy = (long) (random.nextDouble() * Duration.ofDays(20).toMillis());
            if (random.nextInt(4) == 0 && copies) {
                arrivals.add(new Arrival(event, at + Math.max(delay, copy)));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key));
        return arrivals.stream().map(Arrival::event).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_obligation_is_evaluates_or_marked(long seed) {
        System.out.println("LeftCasesDifferentialTest seed=" + seed);
        Random random = new Random(seed);
        CaseLogs.Log log = CaseLogs.generate(random, 8 + random.nextInt(16));
        Evidence evidence = withStragglers(log.evidence(), random);
        long arrivalSeed = random.nextLong();
        List<CaseEvent> arrivals = arrivals(evidence.events(), new Random(arrivalSeed), false);
        List<CaseEvent> withCopies = arrivals(evidence.events(), new Random(arrivalSeed), true);

        List<Transition> heard = new ArrayList<>();
        Map<Transition, OffsetDateTime> stays = new IdentityHashMap<>();
        OffsetDateTime end = run(evidence, arrivals, heard, stays);
        List<Transition> again = new ArrayList<>();
        run(evidence, withCopies, again, null);
        assertThat(again).extracting(Transition::id).as("copies change nothing (seed %d)", seed)
                .containsExactlyElementsOf(heard.stream().map(Transition::id).toList());

        Report whole = ENGINE.evaluate(evidence, end);
        int[] counts = check(heard, stays, whole, "seed " + seed);
        Map<String, Set<OffsetDateTime>> left = new HashMap<>();
        stays.forEach((t, at) -> left.computeIfAbsent(t.obligation() != null ? t.obligation().caseId()
                : t.finding().caseId(), c -> new HashSet<>()).add(at));
        System.out.println("  " + arrivals.size() + " events, " + heard.size() + " transitions, " + counts[0]
                + " cases came back (" + left.values().stream().filter(s -> s.size() > 1).count()
                + " after leaving twice or more), obligations that differ from evaluate: " + counts[1]
                + " marked INDETERMINATE, " + counts[2] + " judged in a stay after a case-came-back finding of that "
                + "stay");
        assertThat(heard).extracting(Transition::id).as("ids unique (seed %d)", seed).doesNotHaveDuplicates();
    }

    /** The instant a case-came-back finding says its case left, from its message. */
    static final Pattern LEFT_AT = Pattern.compile("came after the case left the monitor at (\\S+?), ");
    /** The event a mark names: the one from before the case left that came after. */
    static final Pattern MARKED_BY = Pattern.compile(
            "; event (\\S+) \\([^)]*\\), from before then, came after the case left");

    /**
     * Every obligation the transitions end with is {@code evaluate}'s of the whole log, or covered by a
     * {@code case-came-back} finding of its case heard before its last transition, as docs/monitoring.md says what the
     * finding covers: a mark ({@code INDETERMINATE}, the verdict of a case that left made unsure) by the finding of the
     * event it names; any other last transition by a finding of the stay it was made in, the one that began when the
     * case last left (the finding names that instant), not a finding of an earlier stay. {@code stays}: for each
     * transition, the instant its case had last left when it was heard (absent: it never had). Returns how many cases
     * came back, how many obligations differ marked and how many judged after a finding of their stay.
     */
    static int[] check(List<Transition> heard, Map<Transition, OffsetDateTime> stays, Report whole, String run) {
        Map<String, List<Integer>> cameBack = new HashMap<>();
        Map<String, Transition> last = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < heard.size(); i++) {
            Transition t = heard.get(i);
            if (t.finding() != null && t.finding().code().equals(CAME_BACK)) {
                cameBack.computeIfAbsent(t.finding().caseId(), c -> new ArrayList<>()).add(i);
            }
            if (t.obligation() != null) {
                last.put(t.obligation().id(), t);
                lastIndex.put(t.obligation().id(), i);
            }
        }
        Map<String, Obligation> expected = new HashMap<>();
        IndiaPack.live(whole.obligations()).forEach(o -> expected.put(o.id(), o));
        TreeSet<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(last.keySet());
        int marks = 0;
        int judged = 0;
        for (String id : ids) {
            Obligation wanted = expected.get(id);
            Transition got = last.get(id);
            String gotStatus = got == null || got.kind() == Transition.Kind.WITHDRAWN ? null
                    : got.obligation().status().name();
            String wantedStatus = wanted == null ? null : wanted.status().name();
            if (Objects.equals(gotStatus, wantedStatus)) {
                continue;
            }
            String caseId = wanted != null ? wanted.caseId() : got.obligation().caseId();
            List<Transition> findings = caseId == null ? List.of() : cameBack.getOrDefault(caseId, List.of())
                    .stream().filter(i -> got != null && i <= lastIndex.get(id)).map(heard::get).toList();
            String why = String.format("%s ends %s where evaluate of the whole log says %s (%s; its last "
                    + "transition %s, its case last left at %s; the case's came-back findings before it: %s)", id,
                    gotStatus, wantedStatus, run, got == null ? null : got.id() + "@" + got.at(),
                    got == null ? null : stays.get(got), findings.stream().map(f -> f.id() + " (left at "
                            + leftAt(f) + ")").toList());
            assertThat(got).as("never reported: " + why).isNotNull();
            Matcher mark = got.kind() == Transition.Kind.INDETERMINATE && got.obligation().explanation() != null
                    ? MARKED_BY.matcher(got.obligation().explanation()) : null;
            if (mark != null && mark.find()) {
                // A mark: covered by the finding of the event it names.
                String event = mark.group(1);
                assertThat(findings).as("a mark without the finding of the event it names (%s): %s", event, why)
                        .anyMatch(f -> f.finding().evidence().equals(List.of(event)));
                marks++;
            } else {
                // Judged in a stay after the case came back: covered by a finding of that stay, which names the
                // instant the case left before it.
                OffsetDateTime stay = stays.get(got);
                assertThat(stay).as("differs in a stay before the case ever left: " + why).isNotNull();
                assertThat(findings).as("no came-back finding of the stay it was judged in: " + why)
                        .anyMatch(f -> stay.isEqual(leftAt(f)));
                judged++;
            }
        }
        return new int[] {cameBack.size(), marks, judged};
    }

    private static OffsetDateTime leftAt(Transition finding) {
        Matcher m = LEFT_AT.matcher(finding.finding().message());
        assertThat(m.find()).as("the instant the case left, in %s", finding.finding().message()).isTrue();
        return OffsetDateTime.parse(m.group(1));
    }

    /**
     * The generated log with, now and then, the events that a case that left cannot judge alone: an acknowledgement of
     * a complaint earlier than the one it had (another id: the reviewer's example, when it comes after the case left),
     * and a court's order in a case of a removal, days after the case's last event (the removal rules read the
     * case's earlier orders and removals).
     */
    static Evidence withStragglers(Evidence evidence, Random random) {
        Map<String, List<CaseEvent>> byCase = new java.util.TreeMap<>();
        evidence.events().forEach(e -> byCase.computeIfAbsent(e.caseId(), c -> new ArrayList<>()).add(e));
        List<CaseEvent> events = new ArrayList<>(evidence.events());
        int n = 0;
        for (List<CaseEvent> events0 : byCase.values()) {
            List<CaseEvent> own = new ArrayList<>(events0);
            own.sort(Comparator.comparing(e -> e.at().toInstant()));
            CaseEvent first = own.get(0);
            CaseEvent ack = own.stream().filter(e -> e instanceof org.niyam.compliance.india.ComplaintAcknowledged)
                    .findFirst().orElse(null);
            if (first instanceof org.niyam.compliance.india.ComplaintReceived && ack != null && random.nextBoolean()) {
                long span = ack.at().toInstant().toEpochMilli() - first.at().toInstant().toEpochMilli();
                events.add(new org.niyam.compliance.india.ComplaintAcknowledged("straggler-" + n++, first.caseId(),
                        first.at().plusNanos(1_000_000L * (long) (random.nextDouble() * span))));
            } else if (first instanceof org.niyam.compliance.india.RemovalOrderReceived && random.nextBoolean()) {
                CaseEvent last = own.get(own.size() - 1);
                events.add(new org.niyam.compliance.india.RemovalOrderReceived("straggler-" + n++, first.caseId(),
                        last.at().plus(Duration.ofMillis((long) (random.nextDouble() * Duration.ofDays(6).toMillis()))),
                        new org.niyam.compliance.india.Issuer(org.niyam.compliance.india.IssuerKind.COURT,
                                "High Court of Delhi", null), "W.P.(C) " + random.nextInt(9000)));
            }
        }
        return new Evidence(evidence.platform(), evidence.facts(), events);
    }

    /**
     * Runs a monitor under event time over the arrivals, then on past every deadline; returns its last instant. With
     * {@code stays}, each transition heard is given the instant its case had last left (by the monitor's snapshot
     * after the event or advance it was heard in; a case that left during it, by the one before), none when it never
     * had.
     */
    static OffsetDateTime run(Evidence evidence, List<CaseEvent> arrivals, List<Transition> heard,
                              Map<Transition, OffsetDateTime> stays) {
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE)
                .clock(MonitorClock.eventTime())
                .outOfOrder(BOUND)
                .offset(IndiaPack.IST)
                .retainEndedCases(RETAIN)
                .platform(evidence.platform())
                .facts(evidence.facts())
                .listener(heard::add)
                .build()) {
            Map<String, OffsetDateTime> before = new HashMap<>();
            for (CaseEvent event : arrivals) {
                int from = heard.size();
                monitor.accept(event);
                before = stays(monitor, heard, from, before, stays);
            }
            int from = heard.size();
            monitor.advanceTo(monitor.now().plusDays(60));
            stays(monitor, heard, from, before, stays);
            return monitor.now();
        }
    }

    private static final ObjectMapper SNAPSHOTS = new ObjectMapper();

    /**
     * Gives the transitions heard from {@code from} on the instant their case had last left, from the snapshot; returns
     * the instants of the cases held now (a held case that came back keeps the instant it left).
     */
    private static Map<String, OffsetDateTime> stays(ComplianceMonitor monitor, List<Transition> heard, int from,
                                                     Map<String, OffsetDateTime> before,
                                                     Map<Transition, OffsetDateTime> stays) {
        if (stays == null) {
            return before;
        }
        Map<String, OffsetDateTime> now = new HashMap<>();
        Set<String> held = new HashSet<>();
        try {
            for (JsonNode c : SNAPSHOTS.readTree(monitor.snapshot()).path("cases")) {
                String caseId = c.path("caseId").asText();
                held.add(caseId);
                JsonNode left = c.path("earlier").path("left");
                if (left.isTextual()) {
                    now.put(caseId, OffsetDateTime.parse(left.asText()));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Transition t : heard.subList(from, heard.size())) {
            String caseId = t.obligation() != null ? t.obligation().caseId()
                    : t.finding() != null ? t.finding().caseId() : null;
            OffsetDateTime at = caseId == null ? null : held.contains(caseId) ? now.get(caseId) : before.get(caseId);
            if (at != null) {
                stays.put(t, at);
            }
        }
        return now;
    }
}
