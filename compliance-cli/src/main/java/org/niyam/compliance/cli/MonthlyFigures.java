package org.niyam.compliance.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.report.HtmlReport;

/**
 * The figures a significant social media intermediary publishes each month under Rule 4(1)(d), counted from the
 * events of one calendar month in India Standard Time (from the first day at 00:00 +05:30, included, to the first
 * day of the next month, excluded):
 *
 * <ul>
 *   <li>complaints received: {@code ComplaintReceived} events, by category;</li>
 *   <li>complaints acted on: {@code ComplaintResolved} events, by the category of the latest complaint of the same
 *       case at or before the resolution (anywhere in the logs; {@code NOT_IN_LOGS} when there is none);</li>
 *   <li>removal orders and intimations received: {@code RemovalOrderReceived} events, by issuer kind;</li>
 *   <li>removals that followed an order: {@code ContentRemoved} events whose case has a removal order at or before
 *       the removal, by the kind of the latest such order; a removal with basis {@code ORDER} whose order is not in
 *       the logs counts as {@code NOT_IN_LOGS};</li>
 *   <li>proactive removals: {@code ContentRemoved} events with basis {@code OWN_INITIATIVE} (these never count as
 *       removals on orders).</li>
 * </ul>
 * Each event counts once; an event delivered twice is one event.
 *
 * @param month             the calendar month
 * @param from              its first instant, 00:00 IST on the first day
 * @param to                the first instant after it
 * @param complaints        complaints received and acted on
 * @param orders            removal orders and intimations received, and the removals that followed
 * @param proactiveRemovals removals on the platform's own initiative
 */
public record MonthlyFigures(YearMonth month, OffsetDateTime from, OffsetDateTime to, Complaints complaints,
                             Orders orders, long proactiveRemovals) {

    /** India Standard Time, in which the months are counted. */
    public static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    /** The key for an action whose complaint or order is not in the logs. */
    public static final String NOT_IN_LOGS = "NOT_IN_LOGS";

    /**
     * The month's complaints.
     *
     * @param received      by category, every category present
     * @param receivedTotal complaints received, of every category
     * @param actedOn       by category, every category and {@link #NOT_IN_LOGS} present
     * @param actedOnTotal  complaints acted on, of every category
     */
    public record Complaints(Map<String, Long> received, long receivedTotal, Map<String, Long> actedOn,
                             long actedOnTotal) {

        /**
         * Copies the counts, keeping their keys' order.
         *
         * @param received      by category
         * @param receivedTotal complaints received
         * @param actedOn       by category
         * @param actedOnTotal  complaints acted on
         */
        public Complaints {
            received = ordered(received);
            actedOn = ordered(actedOn);
        }
    }

    /**
     * The month's removal orders and intimations.
     *
     * @param received                  by issuer kind, every kind present
     * @param receivedTotal             orders and intimations received, of every kind
     * @param removalsThatFollowed      by the kind of the order, every kind and {@link #NOT_IN_LOGS} present
     * @param removalsThatFollowedTotal removals that followed an order, of every kind
     */
    public record Orders(Map<String, Long> received, long receivedTotal, Map<String, Long> removalsThatFollowed,
                         long removalsThatFollowedTotal) {

        /**
         * Copies the counts, keeping their keys' order.
         *
         * @param received                  by issuer kind
         * @param receivedTotal             orders received
         * @param removalsThatFollowed      by the kind of the order
         * @param removalsThatFollowedTotal removals that followed an order
         */
        public Orders {
            received = ordered(received);
            removalsThatFollowed = ordered(removalsThatFollowed);
        }
    }

    /** An unmodifiable copy that keeps the order of the keys. */
    private static Map<String, Long> ordered(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * Counts the figures of one month from all the events of the logs.
     *
     * @param month  the calendar month, in India Standard Time
     * @param events every event of the logs, in any order: those before the month are needed to find the complaint
     *               or order an action answers
     * @return the month's figures
     */
    public static MonthlyFigures of(YearMonth month, List<CaseEvent> events) {
        OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(IST);
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(IST);
        Map<String, List<CaseEvent>> byCase = new HashMap<>();
        events.forEach(e -> byCase.computeIfAbsent(e.caseId(), c -> new ArrayList<>()).add(e));

        Map<String, Long> received = keys(ComplaintCategory.values(), false);
        Map<String, Long> actedOn = keys(ComplaintCategory.values(), true);
        Map<String, Long> orders = keys(IssuerKind.values(), false);
        Map<String, Long> followed = keys(IssuerKind.values(), true);
        long proactive = 0;
        for (CaseEvent event : events) {
            if (!within(event.at(), from, to)) {
                continue;
            }
            if (event instanceof ComplaintReceived complaint) {
                received.merge(complaint.category().name(), 1L, Long::sum);
            } else if (event instanceof ComplaintResolved) {
                ComplaintReceived complaint = latestBefore(byCase.get(event.caseId()), ComplaintReceived.class, event);
                actedOn.merge(complaint == null ? NOT_IN_LOGS : complaint.category().name(), 1L, Long::sum);
            } else if (event instanceof RemovalOrderReceived order) {
                orders.merge(order.issuer().kind().name(), 1L, Long::sum);
            } else if (event instanceof ContentRemoved removal) {
                if (removal.basis() == RemovalBasis.OWN_INITIATIVE) {
                    proactive++;
                    continue;
                }
                RemovalOrderReceived order = latestBefore(byCase.get(event.caseId()), RemovalOrderReceived.class, event);
                if (order != null) {
                    followed.merge(order.issuer().kind().name(), 1L, Long::sum);
                } else if (removal.basis() == RemovalBasis.ORDER) {
                    followed.merge(NOT_IN_LOGS, 1L, Long::sum);
                }
            }
        }
        return new MonthlyFigures(month, from, to,
                new Complaints(received, total(received), actedOn, total(actedOn)),
                new Orders(orders, total(orders), followed, total(followed)), proactive);
    }

    /**
     * The calendar months (IST) in which the events fall, oldest first.
     *
     * @param events the events
     * @return each month at most once
     */
    public static List<YearMonth> monthsOf(List<CaseEvent> events) {
        TreeSet<YearMonth> months = new TreeSet<>();
        events.forEach(e -> months.add(YearMonth.from(e.at().withOffsetSameInstant(IST))));
        return List.copyOf(months);
    }

    /** {@return the figures as a chart for the HTML report, in groups: complaints, orders, proactive removals} */
    public HtmlReport.Chart chart() {
        List<HtmlReport.Chart.Bar> bars = new ArrayList<>();
        String received = "Complaints received";
        String acted = "Complaints acted on (resolved)";
        for (ComplaintCategory category : ComplaintCategory.values()) {
            bars.add(new HtmlReport.Chart.Bar(received, complaintLabel(category.name()),
                    complaints.received().get(category.name())));
        }
        for (Map.Entry<String, Long> e : complaints.actedOn().entrySet()) {
            if (!e.getKey().equals(NOT_IN_LOGS) || e.getValue() > 0) {
                bars.add(new HtmlReport.Chart.Bar(acted, complaintLabel(e.getKey()), e.getValue()));
            }
        }
        for (IssuerKind kind : IssuerKind.values()) {
            bars.add(new HtmlReport.Chart.Bar("Removal orders and intimations received", orderLabel(kind.name()),
                    orders.received().get(kind.name())));
        }
        for (Map.Entry<String, Long> e : orders.removalsThatFollowed().entrySet()) {
            if (!e.getKey().equals(NOT_IN_LOGS) || e.getValue() > 0) {
                bars.add(new HtmlReport.Chart.Bar("Removals that followed an order or intimation",
                        orderLabel(e.getKey()), e.getValue()));
            }
        }
        bars.add(new HtmlReport.Chart.Bar("Removed proactively", "on the platform's own initiative", proactiveRemovals));
        return new HtmlReport.Chart("Rule 4(1)(d) figures for " + month + " (India Standard Time)",
                "Counted from the events of " + from + " (included) to " + to + " (excluded).", bars);
    }

    static String complaintLabel(String key) {
        return switch (key) {
            case "GENERAL" -> "general";
            case "REMOVAL_REQUEST" -> "removal of Rule 3(1)(b) content";
            case "INTIMATE_IMAGERY" -> "intimate imagery, Rule 3(2)(b)";
            case NOT_IN_LOGS -> "complaint not in the logs";
            default -> key.toLowerCase().replace('_', ' ');
        };
    }

    static String orderLabel(String key) {
        return switch (key) {
            case "COURT" -> "court orders";
            case "GOVERNMENT" -> "government intimations";
            case "POLICE" -> "police intimations";
            case NOT_IN_LOGS -> "order not in the logs";
            default -> key.toLowerCase().replace('_', ' ');
        };
    }

    private static boolean within(OffsetDateTime at, OffsetDateTime from, OffsetDateTime to) {
        Instant instant = at.toInstant();
        return !instant.isBefore(from.toInstant()) && instant.isBefore(to.toInstant());
    }

    /** The latest event of the type in the case at or before {@code action}, or {@code null}. */
    private static <T extends CaseEvent> T latestBefore(List<CaseEvent> inCase, Class<T> type, CaseEvent action) {
        return inCase.stream().filter(type::isInstance).map(type::cast)
                .filter(e -> !e.at().isAfter(action.at()))
                .max(Comparator.comparing((T e) -> e.at().toInstant()).thenComparing(CaseEvent::id))
                .orElse(null);
    }

    private static Map<String, Long> keys(Enum<?>[] values, boolean notInLogs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            counts.put(value.name(), 0L);
        }
        if (notInLogs) {
            counts.put(NOT_IN_LOGS, 0L);
        }
        return counts;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
