package org.niyam.compliance.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.niyam.compliance.india.IssuerRank;
import org.niyam.compliance.model.Status;

/**
 * The practical limit: a hand-written plain-Java checker of the case obligations the India pack opens for the
 * events {@link CaseLogGenerator} writes, with the law's clock lengths written into the code.
 *
 * <p>One pass over the log: a streaming JSON reader; a reorder buffer that puts events into time order (instant,
 * then id, as the engine does), given that none comes more than {@code maxDisorder} after a later one; a map from
 * case to its open obligations; and a deadline queue raising breaches as act-by deadlines pass (the obligation stays
 * open, since a late action still makes it {@code MET_LATE}). A keep-until duty (preserve removed content) stays in
 * the map until the records are deleted or the log ends, even once its period is over: the engine names a deletion
 * after the period as the event that discharged it. What is still open at the end is judged as of the latest event, as {@code niyam audit} does.
 *
 * <p>It checks Rule 3(1)(d) (36 h, 3 h from 20 Feb 2026; intimations from 15 Nov 2025 only with the 2025
 * particulars), Rule 3(2)(a)(i) (acknowledge in 24 h; resolve in 15 days, 7 days from 20 Feb 2026), its proviso
 * (72 h from 28 Oct 2022, 36 h from 20 Feb 2026), Rule 3(2)(b) (24 h, 2 h), Rule 3(1)(j) (72 h) and Rule 3(1)(g)
 * (keep removed content 180 days), that Rule 4(8) does not apply to removals on an order or a complaint; and the platform's own obligations as of the latest event: its standing duties
 * (Rule 3(2)(a), met for a significant platform by its Resident Grievance Officer too, 4(1)(a) to (c) and 4(5) from
 * its profile and appointments; Rule 3(1)(c), which no accepted event
 * meets) and the compliance report of each month that ended after the first event (Rule 4(1)(d), one calendar
 * month to publish it), which no accepted event discharges. It assumes, as the generator guarantees, that an action never comes before the
 * event that opens its duty (the India pack counts only acts at or after the trigger, and gives content removed
 * before an order's receipt a verdict of its own). Any other kind of event is refused, so that an
 * agreement is never claimed over obligations this checker does not know.
 */
public final class BaselineChecker {

    public static final String REMOVAL_ON_ORDER = "removal.on-order";
    public static final String ACKNOWLEDGE = "complaint.acknowledge";
    public static final String RESOLVE = "complaint.resolve";
    public static final String REMOVAL_REQUEST = "complaint.removal-request";
    public static final String INTIMATE_IMAGERY = "complaint.intimate-imagery";
    public static final String INFORMATION_REQUEST = "information.request";
    public static final String PRESERVE = "3(1)(g).preserve";
    public static final String PRIOR_NOTICE = "4(8).prior-notice";

    /** The duty keys of case obligations checked, as the India pack names them. */
    public static final Set<String> CASE_DUTIES = Set.of(REMOVAL_ON_ORDER, ACKNOWLEDGE, RESOLVE, REMOVAL_REQUEST,
            INTIMATE_IMAGERY, INFORMATION_REQUEST, PRESERVE, PRIOR_NOTICE);

    private static final long IT_RULES_2021 = ist("2021-02-25");
    private static final long AMENDMENT_2022 = ist("2022-10-28");
    private static final long INTIMATION_CHECKS_2025 = ist("2025-11-15");
    private static final long AMENDMENT_2026 = ist("2026-02-20");
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long NONE = Long.MIN_VALUE;
    private static final long SSMI_DUTIES = ist("2021-05-26");
    private static final long SSMI_USERS = 5_000_000L;
    /** The monthly compliance report's duty key (Rule 4(1)(d)). */
    public static final String MONTHLY_REPORT = "4(1)(d).monthly-report";

    /**
     * One obligation as this checker sees it at the end: the id the engine gives it, its status and due instant, and
     * the event that discharged it and when. Standing duties and monthly reports have no due instant of a case.
     */
    public record Result(String obligationId, String duty, Status status, long dueEpochMilli, String dischargeEventId,
                         long dischargedEpochMilli) {

        /** For an obligation without a due instant (no clock in force when it was triggered), or not discharged. */
        public static final long NO_DUE = NONE;

        Result(String obligationId, String duty, Status status, long dueEpochMilli) {
            this(obligationId, duty, status, dueEpochMilli, null, NONE);
        }

        /** How late the discharge came, for {@link Status#MET_LATE}, in milliseconds; otherwise {@link #NO_DUE}. */
        public long latenessMillis() {
            return status == Status.MET_LATE ? dischargedEpochMilli - dueEpochMilli : NONE;
        }
    }

    /**
     * What one pass found.
     *
     * @param results        one per obligation, unless they went to a sink of the caller's
     * @param byStatus       how many obligations have each status
     * @param events         events read
     * @param asOfEpochMilli the latest event's instant, at which open obligations are judged
     * @param breachAlerts   breaches raised by the deadline queue as deadlines passed, as a live monitor would
     * @param mostOpen       the most obligations open at once (with several threads, the sum of each one's most)
     */
    public record Outcome(List<Result> results, Map<Status, Long> byStatus, long events, long asOfEpochMilli,
                          long breachAlerts, int mostOpen) {
    }

    private enum Kind { COMPLAINT, ACKNOWLEDGED, RESOLVED, ORDER, REMOVED, REQUEST, PROVIDED, DELETED, DELETED_ON_ORDER,
        IGNORED,
        PLATFORM, APPOINTMENT }

    /** An event reduced to what the checks need; for the platform's profile and appointments, the entry itself. */
    private record Event(Kind kind, String id, String caseId, long at, String category, boolean opensClock,
                         Entry entry) implements Comparable<Event> {

        @Override
        public int compareTo(Event other) {
            return at != other.at ? Long.compare(at, other.at) : id.compareTo(other.id);
        }
    }

    /** An obligation not yet closed. */
    private static final class Open {
        final String id;
        final String duty;
        final String caseId;
        final long start;
        final long due;
        final boolean keepUntil;
        boolean closed;

        Open(String id, String duty, String caseId, long start, long due, boolean keepUntil) {
            this.id = id;
            this.duty = duty;
            this.caseId = caseId;
            this.start = start;
            this.due = due;
            this.keepUntil = keepUntil;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] CASE_ID = "\"caseId\":\"".getBytes(StandardCharsets.UTF_8);

    private final long maxDisorder;
    private final double atRiskFraction;

    /**
     * @param maxDisorder    how far out of time order an event may come; a later one fails the check
     * @param atRiskFraction as {@code ComplianceEngine.Builder.atRiskFraction} (the engine's default is 0.25)
     */
    public BaselineChecker(Duration maxDisorder, double atRiskFraction) {
        this.maxDisorder = maxDisorder.toMillis();
        this.atRiskFraction = atRiskFraction;
    }

    /** One pass over a JSON Lines case log, keeping every result, as the engine's report does. */
    public Outcome check(Reader jsonLines) throws IOException {
        List<Result> results = new ArrayList<>();
        Outcome outcome = check(jsonLines, results::add);
        return new Outcome(results, outcome.byStatus(), outcome.events(), outcome.asOfEpochMilli(),
                outcome.breachAlerts(), outcome.mostOpen());
    }

    /** One pass on this thread, handing each result to {@code sink} as soon as it is final: memory bounded by what is open. */
    public Outcome check(Reader jsonLines, Consumer<Result> sink) throws IOException {
        Partition partition = new Partition(sink);
        try (JsonParser parser = JSON.createParser(jsonLines)) {
            Event event;
            while ((event = next(parser)) != null) {
                partition.accept(event);
            }
        }
        partition.drain();
        partition.finish(partition.latest);
        partition.platformDuties(partition.earliest, partition.latest);
        return partition.outcome(List.of());
    }

    /**
     * The same check with its work partitioned by case over {@code threads} threads, as a hand-written checker on
     * several cores would do: each thread reads the file, picks out the lines of its own cases by a hash of the
     * case id found in the line's bytes (the platform's lines go to the first), and parses and checks only those.
     * Each case's events reach one thread, in file order, so each partition is exactly the one-thread check of its
     * cases; open obligations are judged as of the latest event of all partitions. With {@code keep}, every result
     * is returned; otherwise they are only counted.
     */
    public Outcome check(Path log, int threads, boolean keep) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        List<List<Result>> kept = new ArrayList<>();
        List<Partition> partitions = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Result> mine = new ArrayList<>();
            kept.add(mine);
            partitions.add(new Partition(keep ? mine::add : result -> { }));
        }
        long[] asOf = {NONE};
        CyclicBarrier allRead = new CyclicBarrier(threads, () -> {
            for (Partition p : partitions) {
                asOf[0] = Math.max(asOf[0], p.latest);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "baseline");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int mine = t;
                done.add(pool.submit(() -> {
                    Partition partition = partitions.get(mine);
                    try {
                        readPartition(log, mine, threads, partition);
                        partition.drain();
                    } finally {
                        allRead.await(); // a failure breaks the barrier for the others
                    }
                    partition.finish(asOf[0]);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RuntimeException r && !(cause instanceof BrokenBarrierException)) {
                    throw r;
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Partition first = partitions.get(0);
        long earliest = partitions.stream().mapToLong(p -> p.earliest).min().orElse(NONE);
        first.platformDuties(earliest, asOf[0]);
        List<Result> results = new ArrayList<>();
        if (keep) {
            kept.forEach(results::addAll);
        }
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        long events = 0;
        long breachAlerts = 0;
        int mostOpen = 0;
        for (Partition p : partitions) {
            p.byStatus.forEach((status, n) -> byStatus.merge(status, n, Long::sum));
            events += p.events;
            breachAlerts += p.pass.breachAlerts;
            mostOpen += p.pass.mostOpen;
        }
        return new Outcome(results, byStatus, events, asOf[0], breachAlerts, mostOpen);
    }

    /** Reads the lines of partition {@code mine} of {@code of}: those whose case id hashes to it. */
    private static void readPartition(Path log, int mine, int of, Partition partition) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            byte[] buffer = new byte[1 << 16];
            int start = 0;
            int end = 0;
            while (true) {
                int newline = -1;
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline < 0) {
                    if (start > 0) {
                        System.arraycopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    int read = in.read(buffer, end, buffer.length - end);
                    if (read < 0) {
                        if (end > start) {
                            line(buffer, start, end, mine, of, partition);
                        }
                        return;
                    }
                    end += read;
                    continue;
                }
                line(buffer, start, newline, mine, of, partition);
                start = newline + 1;
            }
        }
    }

    private static void line(byte[] bytes, int from, int to, int mine, int of, Partition partition) throws IOException {
        if (to == from || of > 1 && partitionOf(bytes, from, to, of) != mine) {
            return;
        }
        try (JsonParser parser = JSON.createParser(bytes, from, to - from)) {
            Event event = next(parser);
            if (event != null) {
                partition.accept(event);
            }
        }
    }

    /** The partition of a line: a hash of the bytes of its case id; 0 for a line without one. */
    private static int partitionOf(byte[] bytes, int from, int to, int of) {
        outer:
        for (int i = from; i + CASE_ID.length <= to; i++) {
            for (int j = 0; j < CASE_ID.length; j++) {
                if (bytes[i + j] != CASE_ID[j]) {
                    continue outer;
                }
            }
            int hash = 0;
            for (int k = i + CASE_ID.length; k < to && bytes[k] != '"'; k++) {
                hash = 31 * hash + bytes[k];
            }
            return Math.floorMod(hash * 0x9E3779B9, of);
        }
        return 0;
    }

    /** The check of one partition's lines: the reorder buffer, then the pass. */
    private final class Partition {
        final Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        final PriorityQueue<Event> buffer = new PriorityQueue<>();
        final Pass pass;
        Entry platform;
        final List<Entry> appointments = new ArrayList<>();
        long latest = NONE;
        long earliest = Long.MAX_VALUE;
        long events;

        Partition(Consumer<Result> sink) {
            this.pass = new Pass(result -> {
                byStatus.merge(result.status(), 1L, Long::sum);
                sink.accept(result);
            });
        }

        void accept(Event event) {
            if (event.kind == Kind.PLATFORM) {
                platform = event.entry;
                return;
            }
            if (event.kind == Kind.APPOINTMENT) {
                appointments.add(event.entry);
                return;
            }
            events++;
            if (pass.last != null && event.compareTo(pass.last) < 0) {
                throw new IllegalStateException("event " + event.id + " comes after later events were checked: it is"
                        + " more than " + Duration.ofMillis(maxDisorder) + " out of time order; give the checker a"
                        + " larger maxDisorder");
            }
            buffer.add(event);
            latest = Math.max(latest, event.at);
            earliest = Math.min(earliest, event.at);
            while (!buffer.isEmpty() && buffer.peek().at < latest - maxDisorder) {
                pass.process(buffer.poll());
            }
        }

        void drain() {
            while (!buffer.isEmpty()) {
                pass.process(buffer.poll());
            }
        }

        void finish(long asOf) {
            pass.finish(asOf);
        }

        /**
         * The platform's own obligations, as of {@code asOf}: the standing duties (officers, the address, notices to
         * users) and a compliance report for each month that ended after {@code since} (Rule 4(1)(d)).
         */
        void platformDuties(long since, long asOf) {
            if (asOf == NONE || platform == null) {
                return; // without a profile, case obligations only: an agreement with the engine would then fail
            }
            boolean inForce = asOf >= IT_RULES_2021;
            // A significant platform's Resident Grievance Officer is responsible for Rule 3(2) (Rule 4(1)(c)), so
            // one with published contact details is its Grievance Officer too.
            boolean significant = platform.registeredUsers >= SSMI_USERS && asOf >= SSMI_DUTIES;
            pass.results.accept(new Result("3(2)(a).grievance-officer", "3(2)(a).grievance-officer",
                    !inForce ? Status.NOT_APPLICABLE
                            : held("GRIEVANCE_OFFICER", asOf).anyMatch(a -> a.contactPublished)
                            || significant && held("RESIDENT_GRIEVANCE_OFFICER", asOf).anyMatch(a -> a.contactPublished)
                            ? Status.MET : Status.BREACHED, NONE));
            // No UsersInformed event is accepted, so no notice is recorded.
            pass.results.accept(new Result("3(1)(c).inform-users", "3(1)(c).inform-users",
                    inForce ? Status.INDETERMINATE : Status.NOT_APPLICABLE, NONE));
            if (platform.registeredUsers < SSMI_USERS || asOf < SSMI_DUTIES) {
                throw new IllegalArgumentException("the baseline checks only a significant social media intermediary "
                        + "(at least 50 lakh registered users in India, as of 26 May 2021 or later)");
            }
            pass.results.accept(standing("4(1)(a).chief-compliance-officer",
                    // key managerial personnel (not necessarily an employee) or a senior employee, resident
                    held("CHIEF_COMPLIANCE_OFFICER", asOf).anyMatch(a -> a.resident
                            && Boolean.TRUE.equals(a.keyManagerial)) ? Status.MET
                            : held("CHIEF_COMPLIANCE_OFFICER", asOf).anyMatch(a -> a.resident
                            && a.keyManagerial == null) ? Status.INDETERMINATE : Status.BREACHED));
            Set<String> complianceOfficers = held("CHIEF_COMPLIANCE_OFFICER", asOf).map(a -> a.person)
                    .collect(java.util.stream.Collectors.toSet());
            pass.results.accept(standing("4(1)(b).nodal-contact-person",
                    held("NODAL_CONTACT_PERSON", asOf).anyMatch(a -> a.resident && a.employee
                            && !complianceOfficers.contains(a.person)) ? Status.MET : Status.BREACHED));
            pass.results.accept(standing("4(1)(c).resident-grievance-officer",
                    held("RESIDENT_GRIEVANCE_OFFICER", asOf).anyMatch(a -> a.resident && a.employee)
                            ? Status.MET : Status.BREACHED));
            pass.results.accept(standing("4(5).address-in-india", platform.addressPublished == null
                    ? Status.INDETERMINATE : platform.addressPublished ? Status.MET : Status.BREACHED));
            // Rule 4(1)(d): no publication is accepted, so every month owed is open, at risk or breached.
            YearMonth month = YearMonth.from(Instant.ofEpochMilli(since).atOffset(CaseLogGenerator.IST));
            for (long end = monthEnd(month); end <= asOf; month = month.plusMonths(1), end = monthEnd(month)) {
                if (end > since) {
                    long due = monthEnd(month.plusMonths(1)); // one calendar month's grace, the pack's default
                    Status status = asOf > due ? Status.BREACHED
                            : atRiskFraction > 0 && due - asOf <= (due - end) * atRiskFraction ? Status.AT_RISK
                            : Status.OPEN;
                    pass.results.accept(new Result(MONTHLY_REPORT + "@month-end:" + month, MONTHLY_REPORT, status, due));
                }
            }
        }

        private Result standing(String duty, Status status) {
            return new Result(duty, duty, status, NONE);
        }

        private java.util.stream.Stream<Entry> held(String role, long at) {
            return appointments.stream().filter(a -> a.role.equals(role) && epochMilli(a.from) <= at
                    && (a.to == null || at < epochMilli(a.to)));
        }

        Outcome outcome(List<Result> results) {
            return new Outcome(results, byStatus, events, latest, pass.breachAlerts, pass.mostOpen);
        }
    }

    private static long monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().atOffset(CaseLogGenerator.IST).toInstant().toEpochMilli();
    }

    /** The state of one pass: open obligations by case, the deadline queues, the results so far. */
    private final class Pass {
        final Map<String, List<Open>> openByCase = new HashMap<>();
        final PriorityQueue<Open> actBy = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
        final Consumer<Result> results;
        Event last;
        int open;
        int mostOpen;
        long breachAlerts;

        Pass(Consumer<Result> results) {
            this.results = results;
        }

        void process(Event e) {
            last = e;
            advanceTo(e.at);
            switch (e.kind) {
                case COMPLAINT -> {
                    open(ACKNOWLEDGE, e, e.at < IT_RULES_2021 ? NONE : 24 * HOUR, false);
                    open(RESOLVE, e, e.at < IT_RULES_2021 ? NONE : e.at < AMENDMENT_2026 ? 15 * DAY : 7 * DAY, false);
                    if (e.category.equals("REMOVAL_REQUEST")) {
                        open(REMOVAL_REQUEST, e, e.at < AMENDMENT_2022 ? NONE : e.at < AMENDMENT_2026 ? 72 * HOUR : 36 * HOUR,
                                false);
                    } else if (e.category.equals("INTIMATE_IMAGERY")) {
                        open(INTIMATE_IMAGERY, e, e.at < IT_RULES_2021 ? NONE : e.at < AMENDMENT_2026 ? 24 * HOUR : 2 * HOUR,
                                false);
                    }
                }
                case ACKNOWLEDGED -> discharge(e, ACKNOWLEDGE, null);
                case RESOLVED -> discharge(e, RESOLVE, REMOVAL_REQUEST);
                case ORDER -> {
                    // A defective intimation opens no clock; its removal duty is not applicable.
                    open(REMOVAL_ON_ORDER, e, !e.opensClock || e.at < IT_RULES_2021 ? NONE
                            : e.at < AMENDMENT_2026 ? 36 * HOUR : 3 * HOUR, false);
                }
                case REMOVED -> {
                    discharge(e, REMOVAL_ON_ORDER, REMOVAL_REQUEST);
                    discharge(e, INTIMATE_IMAGERY, null);
                    open(PRESERVE, e, e.at < IT_RULES_2021 ? NONE : 180 * DAY, true);
                    // A removal on an order or a complaint (the only ones read) is exempt from Rule 4(8).
                    open(PRIOR_NOTICE, e, NONE, false);
                }
                case REQUEST -> open(INFORMATION_REQUEST, e, e.at < IT_RULES_2021 ? NONE : 72 * HOUR, false);
                case PROVIDED -> discharge(e, INFORMATION_REQUEST, null);
                case DELETED -> discharge(e, PRESERVE, null);
                case DELETED_ON_ORDER -> deletedOnOrder(e);
                default -> {
                }
            }
        }

        /** Time moves to {@code now}: act-by deadlines before it are breached so far. */
        void advanceTo(long now) {
            while (!actBy.isEmpty() && actBy.peek().due < now) {
                if (!actBy.poll().closed) {
                    breachAlerts++;
                }
            }
        }

        void open(String duty, Event trigger, long clock, boolean keep) {
            String id = duty + "@" + trigger.id;
            if (clock == NONE) {
                results.accept(new Result(id, duty, Status.NOT_APPLICABLE, Result.NO_DUE));
                return;
            }
            Open o = new Open(id, duty, trigger.caseId, trigger.at, trigger.at + clock, keep);
            openByCase.computeIfAbsent(trigger.caseId, k -> new ArrayList<>(4)).add(o);
            if (!keep) {
                actBy.add(o);
            }
            mostOpen = Math.max(mostOpen, ++open);
        }

        /** The action discharges the case's open obligations of either duty; the first action counts. */
        void discharge(Event action, String duty, String orDuty) {
            List<Open> inCase = openByCase.get(action.caseId);
            if (inCase == null) {
                return;
            }
            for (int i = inCase.size() - 1; i >= 0; i--) { // backwards: closing removes from the list
                Open o = inCase.get(i);
                if (o.duty.equals(duty) || o.duty.equals(orDuty)) {
                    if (o.keepUntil) {
                        close(o, action.at < o.due ? Status.BREACHED : Status.MET, action);
                    } else {
                        close(o, action.at <= o.due ? Status.MET : Status.MET_LATE, action);
                    }
                }
            }
        }

        /**
         * A deletion a court or agency instructed: a keeping it cuts short is met, with no due instant and no
         * discharging event (the pack's verdict on a deletion on order); one whose 180 days are over stays as it is.
         */
        void deletedOnOrder(Event action) {
            List<Open> inCase = openByCase.get(action.caseId);
            if (inCase == null) {
                return;
            }
            for (int i = inCase.size() - 1; i >= 0; i--) {
                Open o = inCase.get(i);
                if (o.duty.equals(PRESERVE) && action.at < o.due) {
                    o.closed = true;
                    open--;
                    results.accept(new Result(o.id, o.duty, Status.MET, Result.NO_DUE));
                    inCase.remove(i);
                }
            }
            if (inCase.isEmpty()) {
                openByCase.remove(action.caseId);
            }
        }

        void close(Open o, Status status, Event action) {
            o.closed = true;
            open--;
            results.accept(new Result(o.id, o.duty, status, o.due, action == null ? null : action.id,
                    action == null ? NONE : action.at));
            List<Open> inCase = openByCase.get(o.caseId);
            inCase.remove(o);
            if (inCase.isEmpty()) {
                openByCase.remove(o.caseId);
            }
        }

        /** Judges what is still open as of the latest event, as the engine's lifecycle does. */
        void finish(long asOf) {
            advanceTo(asOf);
            for (List<Open> inCase : openByCase.values()) {
                for (Open o : inCase) {
                    Status status;
                    if (o.keepUntil) {
                        status = asOf >= o.due ? Status.MET : Status.OPEN;
                    } else if (asOf > o.due) {
                        status = Status.BREACHED;
                    } else {
                        long left = o.due - asOf;
                        status = atRiskFraction > 0 && left <= (o.due - o.start) * atRiskFraction
                                ? Status.AT_RISK : Status.OPEN;
                    }
                    results.accept(new Result(o.id, o.duty, status, o.due));
                }
            }
            openByCase.clear();
        }
    }

    /** The next entry of the log, {@code null} at its end. */
    private static Event next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object at " + parser.currentLocation());
        }
        Entry entry = new Entry();
        entry.read(parser, "");
        return entry.toEvent();
    }

    /** The fields of one entry that the checks read, flattened (issuer.kind, intimation.targets, ...). */
    private static final class Entry {
        String type;
        String id;
        String caseId;
        String at;
        String category;
        String basis;
        String records;
        boolean instructed;
        String issuerKind;
        String rank;
        boolean specificallyAuthorised;
        Boolean jointSecretaryAppointed;
        boolean intimation;
        boolean inWriting;
        boolean reasoned;
        boolean legalBasis;
        boolean unlawfulAct;
        int targets;
        long registeredUsers;
        Boolean addressPublished;
        String role;
        String person;
        boolean resident;
        boolean employee;
        boolean contactPublished;
        Boolean keyManagerial;
        String from;
        String to;

        void read(JsonParser parser, String prefix) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = prefix + parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = parser.getText();
                    case "id" -> id = parser.getText();
                    case "caseId" -> caseId = parser.getText();
                    case "at" -> at = parser.getText();
                    case "category" -> category = parser.getText();
                    case "basis" -> basis = parser.getText();
                    case "records" -> records = parser.getText();
                    case "instructed" -> instructed = value == JsonToken.VALUE_TRUE;
                    case "issuer" -> read(parser, "issuer.");
                    case "issuer.kind" -> issuerKind = parser.getText();
                    case "issuer.rank" -> rank = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    case "issuer.specificallyAuthorised" -> specificallyAuthorised = value == JsonToken.VALUE_TRUE;
                    case "issuer.jointSecretaryAppointed" -> jointSecretaryAppointed =
                            value == JsonToken.VALUE_NULL ? null : value == JsonToken.VALUE_TRUE;
                    case "intimation" -> {
                        intimation = value == JsonToken.START_OBJECT;
                        if (intimation) {
                            read(parser, "intimation.");
                        }
                    }
                    case "intimation.inWriting" -> inWriting = value == JsonToken.VALUE_TRUE;
                    case "intimation.reasoned" -> reasoned = value == JsonToken.VALUE_TRUE;
                    case "intimation.legalBasis" -> legalBasis = value == JsonToken.VALUE_STRING && !parser.getText().isBlank();
                    case "intimation.unlawfulAct" -> unlawfulAct = value == JsonToken.VALUE_STRING && !parser.getText().isBlank();
                    case "intimation.targets" -> {
                        // An empty or blank entry names no content, so it is not a URL or identifier.
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            if (!parser.getText().isBlank()) {
                                targets++;
                            }
                        }
                    }
                    case "registeredUsersInIndia" -> registeredUsers = parser.getLongValue();
                    case "addressInIndiaPublished" -> addressPublished =
                            value == JsonToken.VALUE_NULL ? null : value == JsonToken.VALUE_TRUE;
                    case "role" -> role = parser.getText();
                    case "person" -> person = parser.getText();
                    case "residentInIndia" -> resident = value == JsonToken.VALUE_TRUE;
                    case "employee" -> employee = value == JsonToken.VALUE_TRUE;
                    case "contactPublished" -> contactPublished = value == JsonToken.VALUE_TRUE;
                    case "keyManagerialOrSenior" -> keyManagerial =
                            value == JsonToken.VALUE_NULL ? null : value == JsonToken.VALUE_TRUE;
                    case "from" -> from = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    case "to" -> to = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    default -> parser.skipChildren();
                }
            }
        }

        Event toEvent() {
            if (type == null) {
                throw new IllegalArgumentException("an entry without a type");
            }
            Kind kind = switch (type) {
                case "PlatformProfile" -> Kind.PLATFORM;
                case "OfficerAppointment" -> Kind.APPOINTMENT;
                case "ComplaintReceived" -> Kind.COMPLAINT;
                case "ComplaintAcknowledged" -> Kind.ACKNOWLEDGED;
                case "ComplaintResolved" -> Kind.RESOLVED;
                case "RemovalOrderReceived" -> Kind.ORDER;
                case "ContentRemoved" -> {
                    if (!"ORDER".equals(basis) && !"COMPLAINT".equals(basis)) {
                        throw unsupported("a removal on the platform's own initiative, or without a basis (Rule 4(8))");
                    }
                    yield Kind.REMOVED;
                }
                case "InformationRequestReceived" -> Kind.REQUEST;
                case "InformationProvided" -> Kind.PROVIDED;
                // Deleting registration data, or deleting on an instruction, ends no preservation duty.
                case "RecordsDeleted" -> !"REMOVED_CONTENT".equals(records) ? Kind.IGNORED
                        : instructed ? Kind.DELETED_ON_ORDER : Kind.DELETED;
                default -> throw unsupported("events of type " + type);
            };
            if (kind == Kind.PLATFORM || kind == Kind.APPOINTMENT) {
                return new Event(kind, id, null, 0, null, false, this);
            }
            long instant = epochMilli(at);
            return new Event(kind, id, caseId, instant, category,
                    kind == Kind.ORDER && startsRemovalClock(instant), null);
        }

        /** Rule 3(1)(d): a court order always; an intimation from 15 Nov 2025 only with the 2025 particulars. */
        private boolean startsRemovalClock(long instant) {
            if (issuerKind.equals("COURT") || instant < INTIMATION_CHECKS_2025) {
                return true;
            }
            IssuerRank signed = rank == null ? null : IssuerRank.valueOf(rank);
            boolean rankValid = issuerKind.equals("POLICE")
                    ? signed != null && signed.atLeast(IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE) && specificallyAuthorised
                    : signed != null && (signed.atLeast(IssuerRank.JOINT_SECRETARY)
                            || signed == IssuerRank.DIRECTOR && Boolean.FALSE.equals(jointSecretaryAppointed));
            return rankValid && intimation && inWriting && reasoned && legalBasis && unlawfulAct && targets > 0;
        }

        private IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("event " + id + ": the baseline does not check " + what
                    + "; it knows only the events CaseLogGenerator writes");
        }
    }

    /**
     * An ISO-8601 instant with offset in milliseconds. The form case logs mostly use ({@code 2026-02-20T10:15:00+05:30})
     * is read directly, several times faster than {@link OffsetDateTime#parse}; anything else goes to it.
     */
    static long epochMilli(String text) {
        if (text.length() == 25 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(22) == ':'
                && (text.charAt(19) == '+' || text.charAt(19) == '-')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int offsetHours = digits(text, 20, 2);
            int offsetMinutes = digits(text, 23, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && offsetHours >= 0
                    && offsetHours <= 17 && offsetMinutes >= 0 && offsetMinutes <= 59) {
                long days = LocalDate.of(year, month, day).toEpochDay(); // throws on 30 February
                int offset = (text.charAt(19) == '+' ? 1 : -1) * (offsetHours * 3600 + offsetMinutes * 60);
                return ((days * 86_400 + hour * 3600 + minute * 60 + second) - offset) * 1000;
            }
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /** The decimal number in {@code text} at {@code from}, or -1 if any of its characters is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long ist(String date) {
        return OffsetDateTime.parse(date + "T00:00:00+05:30").toInstant().toEpochMilli();
    }
}
