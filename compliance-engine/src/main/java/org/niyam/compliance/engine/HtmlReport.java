package org.niyam.compliance.engine;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.niyam.compliance.engine.internal.Durations;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * A report as one self-contained HTML page, to open in a browser or hand to an auditor: a summary, then every
 * obligation grouped by clause and case, each time-bound one with a timeline of its trigger, due and action
 * instants, then the findings, and any charts of figures the caller adds.
 *
 * <pre>{@code
 * String html = HtmlReport.builder()
 *         .title("Samvad: February 2026")
 *         .report(report)
 *         .detail("Sources", "cases-2026-02.jsonl")
 *         .render();
 * }</pre>
 *
 * <p>For a report too large to hold or to show, gather a {@link Tally} one obligation at a time and build the page
 * from it with {@link Builder#tally}: every count, a table by clause and month, and a capped list under each clause
 * with a note of what is not shown and where it is.
 *
 * <p>The page fetches nothing: CSS and SVG are inline, it holds no script, and its content security policy
 * forbids loading anything. All text is HTML-escaped. It shows what the report holds (ids, instants, statuses,
 * explanations, citations) and nothing else of the input: no complaint contents, no names of people.
 */
public final class HtmlReport {

    /** Statuses that need someone to act or look, in the order the page lists them. */
    private static final List<Status> ATTENTION =
            Status.MOST_URGENT_FIRST.stream().filter(s -> !s.settled()).toList();

    /** Every status, most urgent first: the order of the summary. */
    private static final List<Status> ORDER = Status.MOST_URGENT_FIRST;

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private HtmlReport() {
    }

    /**
     * A chart of figures: horizontal bars, optionally in groups.
     *
     * @param title   heading of the chart
     * @param caption a sentence saying what is counted, or {@code null}
     * @param bars    the bars, in order; consecutive bars of one group are drawn under one group heading
     */
    public record Chart(String title, String caption, List<Bar> bars) {

        public Chart {
            Objects.requireNonNull(title, "Chart.title is required");
            bars = List.copyOf(bars);
        }

        /**
         * One bar.
         *
         * @param group the heading it is drawn under, or {@code null}
         * @param label what it counts
         * @param value the count, at least 0
         */
        public record Bar(String group, String label, long value) {

            public Bar {
                Objects.requireNonNull(label, "Bar.label is required");
                if (value < 0) {
                    throw new IllegalArgumentException("Bar.value cannot be negative: " + value);
                }
            }
        }
    }

    /** The page for a report alone, listing the obligations that need attention. */
    public static String render(Report report) {
        return builder().report(report).render();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects what goes on the page. Not thread-safe. */
    public static final class Builder {

        private String title = "Compliance report";
        private final Map<String, String> details = new LinkedHashMap<>();
        private Report report;
        private boolean listAll;
        private final List<InputException> rejected = new ArrayList<>();
        private final List<Chart> charts = new ArrayList<>();
        private Tally tally;
        private OffsetDateTime tallyAsOf;
        private String fullList;

        private Builder() {
        }

        /**
         * The figures and capped lists of a {@link Tally}, instead of a {@link #report}: for a report too large to
         * hold or to show in full, judged as of {@code asOf}. {@code fullList} says where every obligation can be
         * read, e.g. the JSON report.
         */
        public Builder tally(Tally value, OffsetDateTime asOf, String fullList) {
            this.tally = Objects.requireNonNull(value, "tally");
            this.tallyAsOf = Objects.requireNonNull(asOf, "asOf");
            this.fullList = Objects.requireNonNull(fullList, "fullList");
            return this;
        }

        /** The page's title and main heading. */
        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * A line of the header, e.g. {@code detail("Sources", "cases.jsonl")}; shown in the order given, after the
         * report's "As of" instant unless a detail labelled "As of" replaces it.
         */
        public Builder detail(String label, String value) {
            details.put(Objects.requireNonNull(label, "label"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The report to show. Without one, the page shows only its details, rejected input and charts. */
        public Builder report(Report value) {
            this.report = Objects.requireNonNull(value, "report");
            return this;
        }

        /**
         * Whether to list every obligation. By default obligations that are met or not applicable are only
         * counted, and the page lists those breached, at risk, indeterminate, met late or open.
         */
        public Builder listAll(boolean value) {
            this.listAll = value;
            return this;
        }

        /** Input that was rejected, listed with source, line and field. */
        public Builder rejected(List<InputException> value) {
            rejected.addAll(value);
            return this;
        }

        /** Adds a chart of figures. */
        public Builder chart(Chart chart) {
            charts.add(Objects.requireNonNull(chart, "chart"));
            return this;
        }

        /** The page. */
        public String render() {
            if (report != null && tally != null) {
                throw new IllegalStateException("a page shows a report or a tally, not both");
            }
            return new Page(this).render();
        }
    }

    /**
     * What a page of a large report shows, gathered one obligation and finding at a time without holding them: the
     * counts by status and clause, the counts by clause and month the clock started, and under each clause at most
     * {@code cap} of the obligations listed (the most urgent first) and {@code cap} findings. Build a page from it
     * with {@link Builder#tally}. Not thread-safe.
     */
    public static final class Tally {

        private final int cap;
        private final Set<Status> listed;
        private final Map<Status, Long> counts = new EnumMap<>(Status.class);
        private long findingCount;
        private final Map<String, Map<Status, Long>> byClause = new TreeMap<>(CLAUSES);
        private final Map<String, Long> findingsByClause = new TreeMap<>(CLAUSES);
        private final Map<String, EnumMap<Status, List<Obligation>>> kept = new TreeMap<>(CLAUSES);
        private final Map<String, List<Finding>> keptFindings = new TreeMap<>(CLAUSES);
        private final Map<String, Map<YearMonth, long[]>> byMonth = new TreeMap<>(CLAUSES);
        private final Map<String, String> instruments = new TreeMap<>(CLAUSES);

        /**
         * @param cap     how many obligations, and how many findings, to list under each clause at most
         * @param listAll list every status, not only those that need attention (see {@link Builder#listAll})
         */
        public Tally(int cap, boolean listAll) {
            if (cap < 0) {
                throw new IllegalArgumentException("cap must not be negative: " + cap);
            }
            this.cap = cap;
            this.listed = listAll ? Set.of(Status.values()) : Set.copyOf(ATTENTION);
        }

        public void obligation(Obligation o) {
            String clause = o.citation().clause();
            counts.merge(o.status(), 1L, Long::sum);
            byClause.computeIfAbsent(clause, c -> new EnumMap<>(Status.class)).merge(o.status(), 1L, Long::sum);
            instruments.putIfAbsent(clause, o.citation().instrument());
            long[] month = byMonth.computeIfAbsent(clause, c -> new TreeMap<>())
                    .computeIfAbsent(YearMonth.from(o.triggeredAt()), m -> new long[2]);
            month[0]++;
            if (ATTENTION.contains(o.status()) && o.status() != Status.OPEN) {
                month[1]++;
            }
            if (listed.contains(o.status())) {
                List<Obligation> some = kept.computeIfAbsent(clause, c -> new EnumMap<>(Status.class))
                        .computeIfAbsent(o.status(), st -> new ArrayList<>());
                if (some.size() < cap) {
                    some.add(o);
                }
            }
        }

        public void finding(Finding f) {
            String clause = Page.clause(f.citation());
            findingCount++;
            findingsByClause.merge(clause, 1L, Long::sum);
            byClause.computeIfAbsent(clause, c -> new EnumMap<>(Status.class));
            List<Finding> some = keptFindings.computeIfAbsent(clause, c -> new ArrayList<>());
            if (some.size() < cap) {
                some.add(f);
            }
        }

        /** Obligations counted, of every status. */
        public long obligations() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Obligations counted with this status. */
        public long count(Status status) {
            return counts.getOrDefault(status, 0L);
        }

        /** Findings counted. */
        public long findings() {
            return findingCount;
        }

        /** The listed obligations kept under a clause: the most urgent first, at most {@code cap}. */
        private List<Obligation> listedUnder(String clause) {
            List<Obligation> all = new ArrayList<>();
            kept.getOrDefault(clause, new EnumMap<>(Status.class)).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(ORDER::indexOf)))
                    .forEach(e -> all.addAll(e.getValue()));
            return all.size() > cap ? all.subList(0, cap) : all;
        }

        private long listedCount(String clause) {
            return byClause.getOrDefault(clause, Map.of()).entrySet().stream()
                    .filter(e -> listed.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** Writes one page; holds the builder's state and the output. */
    private static final class Page {

        private final Builder in;
        private final StringBuilder html = new StringBuilder(16_384);

        Page(Builder in) {
            this.in = in;
        }

        String render() {
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                            + "style-src 'unsafe-inline'\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<meta name=\"generator\" content=\"Niyam\">\n")
                    .append("<title>").append(esc(in.title)).append("</title>\n<style>").append(CSS)
                    .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(esc(in.title)).append("</h1>\n");
            if (in.report != null || in.tally != null || !in.details.isEmpty()) {
                html.append("<dl class=\"details\">\n");
                if ((in.report != null || in.tally != null) && !in.details.containsKey("As of")) {
                    dt("As of", (in.report != null ? in.report.asOf() : in.tallyAsOf).toString());
                }
                in.details.forEach(this::dt);
                html.append("</dl>\n");
            }
            html.append("</header>\n<main>\n");
            if (in.report != null) {
                summary(in.report);
                byClause(in.report);
            }
            if (in.tally != null) {
                summary(in.tally.counts, in.tally.findingCount, in.tally.byClause, in.tally.findingsByClause);
                byMonth(in.tally);
                byClause(in.tally);
            }
            rejected();
            charts();
            html.append("</main>\n<footer>Made by Niyam. This page is self-contained: it loads nothing and runs no "
                    + "script.</footer>\n</body>\n</html>\n");
            return html.toString();
        }

        private void dt(String label, String value) {
            html.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
        }

        // ---- summary ----

        private void summary(Report report) {
            Map<Status, Long> counts = new EnumMap<>(Status.class);
            report.obligations().forEach(o -> counts.merge(o.status(), 1L, Long::sum));
            Map<String, Map<Status, Long>> byClause = new TreeMap<>(CLAUSES);
            Map<String, Long> findingsByClause = new TreeMap<>(CLAUSES);
            report.obligations().forEach(o -> byClause.computeIfAbsent(o.citation().clause(),
                    c -> new EnumMap<>(Status.class)).merge(o.status(), 1L, Long::sum));
            report.findings().forEach(f -> {
                findingsByClause.merge(clause(f.citation()), 1L, Long::sum);
                byClause.computeIfAbsent(clause(f.citation()), c -> new EnumMap<>(Status.class));
            });
            summary(counts, report.findings().size(), byClause, findingsByClause);
        }

        private void summary(Map<Status, Long> counts, long findingCount, Map<String, Map<Status, Long>> byClause,
                             Map<String, Long> findingsByClause) {
            html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"tiles\">");
            for (Status status : ORDER) {
                long n = counts.getOrDefault(status, 0L);
                html.append("<span class=\"tile ").append(css(status)).append(n == 0 ? " zero" : "")
                        .append("\"><b>").append(n).append("</b> ").append(status.label()).append("</span>");
            }
            html.append("<span class=\"tile finding").append(findingCount == 0 ? " zero" : "")
                    .append("\"><b>").append(findingCount).append("</b> ")
                    .append(findingCount == 1 ? "FINDING" : "FINDINGS").append("</span></p>\n");

            // Clause by status: where the problems are, at a glance.
            if (byClause.isEmpty()) {
                html.append("<p>No obligation arose and no rule made a finding.</p>\n</section>\n");
                return;
            }
            html.append("<table class=\"counts\">\n<thead><tr><th>Clause</th>");
            ORDER.forEach(s -> html.append("<th class=\"").append(css(s)).append("\">").append(s.label())
                    .append("</th>"));
            html.append("<th class=\"finding\">FINDINGS</th></tr></thead>\n<tbody>\n");
            byClause.forEach((clause, row) -> {
                boolean listed = in.listAll || findingsByClause.containsKey(clause)
                        || ATTENTION.stream().anyMatch(s -> row.containsKey(s));
                html.append("<tr><th scope=\"row\">");
                if (listed) {
                    html.append("<a href=\"#").append(anchor(clause)).append("\">").append(esc(clause)).append("</a>");
                } else {
                    html.append(esc(clause));
                }
                html.append("</th>");
                ORDER.forEach(s -> cell(row.getOrDefault(s, 0L), css(s)));
                cell(findingsByClause.getOrDefault(clause, 0L), "finding");
                html.append("</tr>\n");
            });
            html.append("</tbody>\n</table>\n</section>\n");
        }

        private void cell(long n, String cls) {
            html.append("<td class=\"").append(n == 0 ? "zero" : cls).append("\">").append(n).append("</td>");
        }

        // ---- obligations and findings by clause, then case ----

        private void byClause(Report report) {
            Set<Status> listed = in.listAll ? Set.of(Status.values()) : Set.copyOf(ATTENTION);
            Map<String, List<Obligation>> obligations = new TreeMap<>(CLAUSES);
            Map<String, List<Finding>> findings = new TreeMap<>(CLAUSES);
            Map<String, Long> notListed = new TreeMap<>(CLAUSES);
            for (Obligation o : report.obligations()) {
                String clause = o.citation().clause();
                if (listed.contains(o.status())) {
                    obligations.computeIfAbsent(clause, c -> new ArrayList<>()).add(o);
                } else {
                    notListed.merge(clause, 1L, Long::sum);
                }
            }
            report.findings().forEach(f -> findings.computeIfAbsent(clause(f.citation()), c -> new ArrayList<>())
                    .add(f));
            byClause(obligations, findings, notListed, Map.of(), Map.of());
        }

        /** The tally's capped lists, with what is not shown counted under each clause. */
        private void byClause(Tally tally) {
            Map<String, List<Obligation>> obligations = new TreeMap<>(CLAUSES);
            Map<String, Long> notListed = new TreeMap<>(CLAUSES);
            Map<String, Long> notShown = new TreeMap<>(CLAUSES);
            Map<String, Long> findingsNotShown = new TreeMap<>(CLAUSES);
            tally.byClause.forEach((clause, row) -> {
                long all = row.values().stream().mapToLong(Long::longValue).sum();
                long listedCount = tally.listedCount(clause);
                if (all > listedCount) {
                    notListed.put(clause, all - listedCount);
                }
                List<Obligation> shown = tally.listedUnder(clause);
                if (!shown.isEmpty()) {
                    obligations.put(clause, shown);
                }
                if (listedCount > shown.size()) {
                    notShown.put(clause, listedCount - shown.size());
                }
                long findingsHere = tally.findingsByClause.getOrDefault(clause, 0L);
                int findingsShown = tally.keptFindings.getOrDefault(clause, List.of()).size();
                if (findingsHere > findingsShown) {
                    findingsNotShown.put(clause, findingsHere - findingsShown);
                }
            });
            if (!notShown.isEmpty() || !findingsNotShown.isEmpty()) {
                html.append("<p class=\"note\" id=\"capped\">This page lists at most ").append(tally.cap)
                        .append(" obligations and ").append(tally.cap).append(" findings under each clause, the most "
                                + "urgent first; the counts above cover them all. Every obligation and finding: ")
                        .append(esc(in.fullList)).append(".</p>\n");
            }
            byClause(obligations, tally.keptFindings, notListed, notShown, findingsNotShown);
        }

        /** Obligations by clause and the month their clock started: how many, and how many breached or late. */
        private void byMonth(Tally tally) {
            List<YearMonth> months = tally.byMonth.values().stream().flatMap(m -> m.keySet().stream()).distinct()
                    .sorted().toList();
            if (months.isEmpty()) {
                return;
            }
            html.append("<section id=\"months\">\n<h2>By clause and month</h2>\n<p class=\"note\">Obligations by "
                    + "the month their clock started (standing duties: the month they were assessed): how many, and "
                    + "after the slash how many are breached, at risk, indeterminate or met late.</p>\n"
                    + "<table class=\"counts\">\n<thead><tr><th>Clause</th>");
            months.forEach(m -> html.append("<th>").append(m).append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            tally.byMonth.forEach((clause, row) -> {
                html.append("<tr><th scope=\"row\">").append(esc(clause)).append("</th>");
                for (YearMonth m : months) {
                    long[] n = row.get(m);
                    if (n == null) {
                        html.append("<td class=\"zero\">0</td>");
                    } else {
                        html.append("<td").append(n[1] > 0 ? " class=\"breached\"" : "").append(">").append(n[0])
                                .append(n[1] > 0 ? " / " + n[1] : "").append("</td>");
                    }
                }
                html.append("</tr>\n");
            });
            html.append("</tbody>\n</table>\n</section>\n");
        }

        private void byClause(Map<String, List<Obligation>> obligations, Map<String, List<Finding>> findings,
                              Map<String, Long> notListed, Map<String, Long> notShown,
                              Map<String, Long> findingsNotShown) {
            List<String> clauses = new ArrayList<>(obligations.keySet());
            findings.keySet().stream().filter(c -> !obligations.containsKey(c)).forEach(clauses::add);
            // The most urgent first (a clause with a breach before one with only open obligations), then in the
            // law's order; the summary table keeps the law's order throughout.
            clauses.sort(Comparator.comparingInt((String c) -> urgency(obligations.getOrDefault(c, List.of()),
                    !findings.getOrDefault(c, List.of()).isEmpty())).thenComparing(CLAUSES));

            html.append("<section id=\"clauses\">\n<h2>")
                    .append(in.listAll ? "Every obligation and finding, by clause" : "What needs attention, by clause")
                    .append("</h2>\n");
            html.append("<p class=\"note\">")
                    .append(in.listAll ? "" : "Obligations breached, at risk, indeterminate, met late or open, and every "
                            + "finding; those met or not applicable are counted in the summary. ")
                    .append("Clauses with the most urgent matters come first: breached, at risk, indeterminate or a "
                            + "finding, met late, then open.</p>\n");
            html.append(LEGEND);
            if (clauses.isEmpty()) {
                html.append("<p>Nothing needs attention.</p>\n");
            }
            for (String clause : clauses) {
                List<Obligation> listedHere = obligations.getOrDefault(clause, List.of());
                List<Finding> findingsHere = findings.getOrDefault(clause, List.of());
                html.append("<section class=\"clause\" id=\"").append(anchor(clause)).append("\">\n<h3>")
                        .append(esc(clause)).append("</h3>\n<p class=\"instrument\">")
                        .append(esc(instrumentOf(listedHere, findingsHere))).append("</p>\n");
                // Cases in report order: the report orders them by case id, then trigger instant.
                Map<String, List<Obligation>> byCase = new LinkedHashMap<>();
                listedHere.forEach(o -> byCase.computeIfAbsent(o.caseId() == null ? "" : o.caseId(),
                        c -> new ArrayList<>()).add(o));
                byCase.forEach((caseId, list) -> {
                    html.append("<article class=\"case\">\n<h4>")
                            .append(caseId.isEmpty() ? "The platform (standing duties)" : "Case " + esc(caseId))
                            .append("</h4>\n");
                    list.forEach(this::obligation);
                    html.append("</article>\n");
                });
                if (!findingsHere.isEmpty()) {
                    findingsHere.forEach(this::finding);
                }
                long unshown = notShown.getOrDefault(clause, 0L);
                long unshownFindings = findingsNotShown.getOrDefault(clause, 0L);
                if (unshown > 0 || unshownFindings > 0) {
                    html.append("<p class=\"note more\">Not shown here: ")
                            .append(unshown > 0 ? unshown + (unshown == 1 ? " more obligation" : " more obligations")
                                    + " to list" : "")
                            .append(unshown > 0 && unshownFindings > 0 ? " and " : "")
                            .append(unshownFindings > 0 ? unshownFindings + (unshownFindings == 1 ? " more finding"
                                    : " more findings") : "")
                            .append(" (<a href=\"#capped\">why</a>).</p>\n");
                }
                long hidden = notListed.getOrDefault(clause, 0L);
                if (hidden > 0) {
                    html.append("<p class=\"note\">").append(hidden).append(hidden == 1 ? " other obligation" :
                            " other obligations").append(" under this clause met or not applicable.</p>\n");
                }
                html.append("</section>\n");
            }
            List<String> quiet = notListed.keySet().stream().filter(c -> !clauses.contains(c)).toList();
            if (!quiet.isEmpty()) {
                html.append("<p class=\"note\">Nothing to list under ");
                for (int i = 0; i < quiet.size(); i++) {
                    html.append(i == 0 ? "" : i == quiet.size() - 1 ? " and " : ", ").append(esc(quiet.get(i)));
                }
                html.append(": every obligation there is met or not applicable.</p>\n");
            }
            html.append("</section>\n");
        }

        /** The rank of the most urgent item: 0 breached, 1 at risk, 2 indeterminate or a finding, 3 met late, ... */
        private static int urgency(List<Obligation> obligations, boolean hasFinding) {
            int rank = hasFinding ? ORDER.indexOf(Status.INDETERMINATE) : ORDER.size();
            for (Obligation o : obligations) {
                rank = Math.min(rank, ORDER.indexOf(o.status()));
            }
            return rank;
        }

        private static String instrumentOf(List<Obligation> obligations, List<Finding> findings) {
            if (!obligations.isEmpty()) {
                return obligations.get(0).citation().instrument();
            }
            Citation citation = findings.get(0).citation();
            return citation == null ? "" : citation.instrument();
        }

        private void obligation(Obligation o) {
            html.append("<div class=\"obligation ").append(css(o.status())).append("\" id=\"")
                    .append(anchor("o-" + o.id())).append("\">\n<p class=\"head\"><span class=\"badge ")
                    .append(css(o.status())).append("\">").append(o.status().label()).append("</span> <code>")
                    .append(esc(o.id())).append("</code> ").append(esc(o.what())).append("</p>\n");
            if (o.dueAt() != null) {
                timeline(o);
            }
            html.append("<dl class=\"facts\">\n");
            // A verdict on one matter, or a duty whose time is an unset setting, has a trigger but no due instant.
            if (o.dueAt() != null || o.triggerEventId() != null) {
                fact("triggered", o.triggeredAt() + (o.triggerEventId() == null ? "" : " by " + o.triggerEventId()));
            }
            if (o.dueAt() != null) {
                fact("due", o.dueAt().toString());
            } else if (o.triggerEventId() == null) {
                fact("assessed", o.triggeredAt().toString());
            }
            if (o.dischargedAt() != null) {
                fact("done", o.dischargedAt() + " by " + o.dischargeEventId());
            }
            if (o.lateness() != null) {
                fact("late by", Durations.describe(o.lateness()));
            }
            fact("why", o.explanation());
            cite(o.citation());
            html.append("</dl>\n</div>\n");
        }

        private void finding(Finding f) {
            html.append("<div class=\"obligation finding\">\n<p class=\"head\"><span class=\"badge finding\">FINDING"
                    + "</span> <code>").append(esc(f.code())).append("</code>")
                    .append(f.caseId() == null ? "" : " in case " + esc(f.caseId())).append("</p>\n<dl class=\"facts\">\n");
            fact("what", f.message());
            if (!f.evidence().isEmpty()) {
                fact("evidence", String.join(", ", f.evidence()));
            }
            if (f.citation() != null) {
                cite(f.citation());
            }
            html.append("</dl>\n</div>\n");
        }

        private void cite(Citation c) {
            fact("cite", c.clause() + ", " + c.instrument());
            fact("version", c.version());
            fact("rule", c.ruleId());
        }

        private void fact(String label, String value) {
            if (value != null && !value.isEmpty()) {
                html.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
            }
        }

        // ---- the timeline of one obligation: trigger, due, and the action or "as of" ----

        private static final int WIDTH = 640;
        private static final int LEFT = 10;
        private static final int RIGHT = WIDTH - 10;
        private static final int AXIS = 34;
        private static final double CHAR = 5.6; // width of one character at 10px, for placing labels

        private void timeline(Obligation o) {
            OffsetDateTime start = o.triggeredAt();
            OffsetDateTime due = o.dueAt();
            OffsetDateTime done = o.dischargedAt();
            OffsetDateTime asOf = in.report != null ? in.report.asOf() : in.tallyAsOf;
            OffsetDateTime end = latest(due, done == null ? asOf : done);
            double span = Math.max(1, end.toInstant().toEpochMilli() - start.toInstant().toEpochMilli());
            String colour = css(o.status());

            html.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(" 64\" role=\"img\" "
                    + "aria-label=\"").append(esc(timelineText(o, asOf))).append("\">\n");
            double xStart = x(start, start, span);
            double xDue = x(due, start, span);
            double xEnd = x(end, start, span);
            line(xStart, xEnd, "axis", null);
            html.append(fmt("<rect class=\"clock\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\">"
                    + "<title>the time allowed</title></rect>\n", xStart, AXIS - 6, Math.max(1, xDue - xStart)));
            double xAct = done != null ? x(done, start, span) : x(earliest(asOf, end), start, span);
            line(xStart, xAct, "progress " + colour, done == null ? "dashed" : null);

            List<double[]> taken = new ArrayList<>();
            marker("<circle class=\"trigger\" cx=\"%.1f\" cy=\"" + AXIS + "\" r=\"5\"><title>triggered %s</title>"
                    + "</circle>\n", xStart, start);
            place("triggered " + SHORT.format(start), xStart, taken);
            html.append(fmt("<line class=\"due\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"><title>due %s"
                    + "</title></line>\n", xDue, xDue, AXIS - 12, AXIS + 12, esc(due.toString())));
            place("due " + SHORT.format(due), xDue, taken);
            if (done != null) {
                html.append(fmt("<rect class=\"done %s\" x=\"%.1f\" y=\"%d\" width=\"9\" height=\"9\">"
                        + "<title>done %s</title></rect>\n", colour, xAct - 4.5, AXIS - 4, esc(done.toString())));
                place("done " + SHORT.format(done), xAct, taken);
            } else {
                html.append(fmt("<path class=\"asof %s\" d=\"M%.1f %d l5 -9 h-10 z\"><title>as of %s"
                        + "</title></path>\n", colour, xAct, AXIS - 6, esc(asOf.toString())));
                place("as of " + SHORT.format(asOf), xAct, taken);
            }
            html.append("</svg>\n");
        }

        private static String timelineText(Obligation o, OffsetDateTime asOf) {
            return "Triggered " + o.triggeredAt() + ", due " + o.dueAt()
                    + (o.dischargedAt() != null ? ", done " + o.dischargedAt() : ", not done as of " + asOf);
        }

        private void marker(String format, double x, OffsetDateTime instant) {
            html.append(fmt(format, x, esc(instant.toString())));
        }

        private void line(double from, double to, String cls, String extra) {
            html.append(fmt("<line class=\"%s%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>\n", cls,
                    extra == null ? "" : " " + extra, from, Math.max(from, to), AXIS, AXIS));
        }

        /**
         * Places a label above or below the axis, centred on x but kept inside the box, where it overlaps no label
         * placed before; leaves it out when both lanes are taken (the facts below give every instant).
         */
        private void place(String text, double x, List<double[]> taken) {
            double width = text.length() * CHAR;
            double left = Math.min(Math.max(LEFT - 6, x - width / 2), RIGHT + 6 - width);
            for (int lane : new int[] {12, 60}) {
                boolean free = taken.stream().noneMatch(t -> t[0] == lane && left < t[2] + 8 && t[1] < left + width + 8);
                if (free) {
                    taken.add(new double[] {lane, left, left + width});
                    html.append(fmt("<text x=\"%.1f\" y=\"%d\">%s</text>\n", left, lane, esc(text)));
                    return;
                }
            }
        }

        private static double x(OffsetDateTime t, OffsetDateTime start, double span) {
            double f = (t.toInstant().toEpochMilli() - start.toInstant().toEpochMilli()) / span;
            return LEFT + Math.max(0, Math.min(1, f)) * (RIGHT - LEFT);
        }

        private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
            return a.isAfter(b) ? a : b;
        }

        private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
            return a.isBefore(b) ? a : b;
        }

        // ---- rejected input ----

        private void rejected() {
            if (in.rejected.isEmpty()) {
                return;
            }
            html.append("<section id=\"rejected\">\n<h2>Rejected input</h2>\n<p class=\"note\">")
                    .append(in.rejected.size()).append(in.rejected.size() == 1 ? " entry was" : " entries were")
                    .append(" rejected and left out of the evaluation. Fix them and run again.</p>\n"
                            + "<table class=\"rejected\">\n<thead><tr><th>Source</th><th>Line</th><th>Field</th>"
                            + "<th>Problem</th></tr></thead>\n<tbody>\n");
            for (InputException e : in.rejected) {
                html.append("<tr><td>").append(esc(e.source())).append("</td><td>")
                        .append(e.line() > 0 ? String.valueOf(e.line()) : "").append("</td><td>").append(esc(e.field()))
                        .append("</td><td>").append(esc(shorten(withoutValues(e.problem()), 300))).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n</section>\n");
        }

        /**
         * The problem without the input values it quotes (a rejected line may hold a name or complaint text): the
         * page says where and what was wrong; the log file itself has the value.
         */
        static String withoutValues(String problem) {
            return QUOTED_VALUE.matcher(problem).replaceAll("\"…\"");
        }

        /** Jackson quotes input values in double quotes; Niyam quotes ids and names of fields in single ones. */
        private static final java.util.regex.Pattern QUOTED_VALUE =
                java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

        private static String shorten(String text, int max) {
            return text.length() <= max ? text : text.substring(0, max - 1) + "…";
        }

        // ---- charts ----

        private void charts() {
            if (in.charts.isEmpty()) {
                return;
            }
            html.append("<section id=\"figures\">\n<h2>Figures</h2>\n");
            in.charts.forEach(this::chart);
            html.append("</section>\n");
        }

        private void chart(Chart chart) {
            final int labelWidth = 300;
            final int barWidth = 260;
            final int row = 22;
            long max = Math.max(1, chart.bars().stream().mapToLong(Chart.Bar::value).max().orElse(1));
            int rows = 0;
            String group = null;
            for (Chart.Bar bar : chart.bars()) {
                if (bar.group() != null && !bar.group().equals(group)) {
                    rows++;
                }
                group = bar.group();
                rows++;
            }
            int height = rows * row + 8;
            html.append("<figure class=\"chart\">\n<figcaption><b>").append(esc(chart.title())).append("</b>");
            if (chart.caption() != null) {
                html.append("<br>").append(esc(chart.caption()));
            }
            html.append("</figcaption>\n<svg viewBox=\"0 0 ").append(labelWidth + barWidth + 60).append(' ')
                    .append(height).append("\" role=\"img\" aria-label=\"").append(esc(chart.title())).append("\">\n");
            int y = 4;
            group = null;
            for (Chart.Bar bar : chart.bars()) {
                if (bar.group() != null && !bar.group().equals(group)) {
                    html.append(fmt("<text class=\"group\" x=\"0\" y=\"%d\">%s</text>\n", y + 15,
                            esc(bar.group())));
                    y += row;
                }
                group = bar.group();
                double w = bar.value() == 0 ? 0 : Math.max(2, (double) bar.value() / max * barWidth);
                html.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", bar.group() == null ? 0 : 14, y + 15,
                                esc(bar.label())))
                        .append(fmt("<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\">"
                                + "<title>%s: %d</title></rect>\n", labelWidth, y + 4, w, esc(bar.label()), bar.value()))
                        .append(fmt("<text class=\"value\" x=\"%.1f\" y=\"%d\">%d</text>\n",
                                labelWidth + w + 6, y + 15, bar.value()));
                y += row;
            }
            html.append("</svg>\n</figure>\n");
        }

        // ---- helpers ----

        private static String clause(Citation citation) {
            return citation == null ? "(no citation)" : citation.clause();
        }

        private static String anchor(String text) {
            return "c-" + text.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase();
        }
    }

    private static String css(Status status) {
        return status.name().toLowerCase().replace('_', '-');
    }

    /** Formats numbers the same way in every locale: SVG wants a decimal point. */
    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Escapes text for HTML content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Orders clauses as the law numbers them: "Rule 3(1)(d)" before "Rule 3A" before "Rule 4(1)", numbers compared
     * as numbers, and a proviso right after the clause it qualifies.
     */
    private static final Comparator<String> CLAUSES = Comparator
            .comparing((String c) -> c.replaceFirst("^(?i)proviso to ", ""), HtmlReport::natural)
            .thenComparing(c -> c.regionMatches(true, 0, "proviso to ", 0, 11))
            .thenComparing(Comparator.naturalOrder());

    private static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int byNumber = Long.compare(Long.parseLong(a.substring(si, Math.min(i, si + 18))),
                        Long.parseLong(b.substring(sj, Math.min(j, sj + 18))));
                if (byNumber != 0) {
                    return byNumber;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static final String LEGEND = """
            <p class="legend"><svg viewBox="0 0 560 16" role="img" aria-label="Legend">\
            <circle class="trigger" cx="8" cy="8" r="5"/><text x="18" y="12">trigger (clock starts)</text>\
            <rect class="clock" x="150" y="3" width="26" height="10"/><text x="182" y="12">time allowed</text>\
            <line class="due" x1="280" x2="280" y1="1" y2="15"/><text x="288" y="12">due</text>\
            <rect class="done met" x="330" y="4" width="9" height="9"/><text x="345" y="12">action</text>\
            <path class="asof open" d="M418 13 l5 -9 h-10 z"/><text x="430" y="12">as of (not yet done)</text>\
            </svg></p>
            """;

    private static final String CSS = """
            :root{--breached:#b71c1c;--at-risk:#e65100;--indeterminate:#6a1b9a;--met-late:#9e6a00;--open:#1565c0;\
            --met:#2e7d32;--not-applicable:#6b6b6b;--finding:#ad1457}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d1d1f;\
            margin:0 auto;max-width:980px;padding:16px 24px;background:#fff}
            h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #ddd}\
            h3{font-size:16px;margin:18px 0 0}h4{font-size:14px;margin:10px 0 4px}
            code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            dl.details{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}\
            dl.details dt{font-weight:600}dl.details dd{margin:0}
            .tiles{display:flex;flex-wrap:wrap;gap:8px}.tile{border-radius:6px;padding:6px 10px;color:#fff;\
            font-size:12px;letter-spacing:.02em}.tile b{font-size:18px;margin-right:4px}.tile.zero{opacity:.35}
            .tile.breached,.badge.breached{background:var(--breached)}.tile.at-risk,.badge.at-risk{background:var(--at-risk)}\
            .tile.indeterminate,.badge.indeterminate{background:var(--indeterminate)}\
            .tile.met-late,.badge.met-late{background:var(--met-late)}.tile.open,.badge.open{background:var(--open)}\
            .tile.met,.badge.met{background:var(--met)}.tile.not-applicable,.badge.not-applicable{background:var(--not-applicable)}\
            .tile.finding,.badge.finding{background:var(--finding)}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px}\
            td{text-align:right}table.rejected td{text-align:left}thead th{background:#f5f5f7;font-size:11px}\
            td.zero{color:#bbb}td.breached{color:var(--breached);font-weight:700}td.at-risk{color:var(--at-risk);\
            font-weight:700}td.met-late{color:var(--met-late);font-weight:700}td.indeterminate{color:var(--indeterminate);\
            font-weight:700}td.finding{color:var(--finding);font-weight:700}
            .note{color:#555;font-size:13px}.instrument{color:#555;font-size:12px;margin:0 0 6px}
            .case{border-left:3px solid #e3e3e8;padding:0 0 4px 12px;margin:8px 0}
            .obligation{margin:6px 0 12px}.obligation .head{margin:2px 0}
            .badge{color:#fff;border-radius:4px;padding:1px 6px;font-size:11px;font-weight:700;letter-spacing:.03em}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 12px;margin:2px 0 0 2px;font-size:13px}\
            dl.facts dt{color:#666}dl.facts dd{margin:0}
            svg{display:block;max-width:100%;height:auto}svg text{font:10px system-ui,sans-serif;fill:#333}
            svg.timeline{width:640px;margin:2px 0}
            .axis{stroke:#c9c9cf;stroke-width:1}.clock{fill:#e4ebf5;stroke:#b8c7dc}.due{stroke:#333;stroke-width:1.5;\
            stroke-dasharray:3 2}.trigger{fill:#333}
            .progress{stroke-width:3}.dashed{stroke-dasharray:5 3}
            .progress.breached{stroke:var(--breached)}.progress.at-risk{stroke:var(--at-risk)}\
            .progress.indeterminate{stroke:var(--indeterminate)}.progress.met-late{stroke:var(--met-late)}\
            .progress.open{stroke:var(--open)}.progress.met{stroke:var(--met)}.progress.not-applicable{stroke:var(--not-applicable)}
            .done.breached,.asof.breached{fill:var(--breached)}.done.at-risk,.asof.at-risk{fill:var(--at-risk)}\
            .done.met-late,.asof.met-late{fill:var(--met-late)}.done.open,.asof.open{fill:var(--open)}\
            .done.met,.asof.met{fill:var(--met)}.done.indeterminate,.asof.indeterminate{fill:var(--indeterminate)}\
            .done.not-applicable,.asof.not-applicable{fill:var(--not-applicable)}
            .legend svg{width:560px}
            figure.chart{margin:12px 0 20px}figure.chart svg{width:620px}figure.chart text.group{font-weight:700}\
            .bar{fill:#3f6fb5}text.value{font-weight:700}
            footer{margin:32px 0 8px;color:#888;font-size:12px;border-top:1px solid #eee;padding-top:8px}
            @media print{body{max-width:none}.case{break-inside:avoid}}
            """;
}
