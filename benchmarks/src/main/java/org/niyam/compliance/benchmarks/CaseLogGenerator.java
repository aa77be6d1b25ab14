package org.niyam.compliance.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a realistic case log of a significant social media intermediary, the same for the same seed and size.
 *
 * <p>Cases arrive as a Poisson process from {@link #FROM}, at a rate that makes the requested number of events
 * last until about {@link #UNTIL}, so every log spans the 2025 intimation checks (15 Nov 2025) and the 2026
 * amendment (20 Feb 2026) whatever its size. Per case:
 *
 * <table>
 *   <caption>the mix of cases and what happens in them</caption>
 *   <tr><th>share of cases</th><th>case</th><th>events</th></tr>
 *   <tr><td>70%</td><td>complaint: 60% general, 30% asking removal of Rule 3(1)(b) content, 10% intimate imagery
 *       or impersonation</td><td>received; acknowledged (97%); resolved (92%); content removed (removal requests
 *       55%, intimate imagery 95%)</td></tr>
 *   <tr><td>15%</td><td>removal order: 35% court, 45% government intimation, 20% police intimation; intimations
 *       carry the full 2025 particulars except 6% that lack one (a rank, an authorisation or a URL)</td>
 *       <td>received; content removed (96%, of which 5% first disabled, then removed a day later)</td></tr>
 *   <tr><td>15%</td><td>information request of an authorised agency</td><td>received; information provided
 *       (94%)</td></tr>
 * </table>
 *
 * <p>Every removal opens the 180-day preservation duty; 3% of cases with a removal later delete the records, 60% of
 * those without an instruction, some before the 180 days are up. Delays are log-normal, with medians and spreads
 * chosen so that about 5–30% of each kind of action is late (more after 20 Feb 2026, when the clocks shortened,
 * though the platform also speeds up then) and the missing actions are breaches or still open at the end.
 * Actions never come before their trigger. Lines are in the order the platform recorded them: 85% at once, 15%
 * up to {@link #MAX_RECORDING_LAG} later, so the log is mostly but not strictly in time order. The platform profile
 * and four officers in post since 2021 come first.
 */
public final class CaseLogGenerator {

    public static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    public static final OffsetDateTime FROM = OffsetDateTime.of(2025, 8, 1, 0, 0, 0, 0, IST);
    public static final OffsetDateTime UNTIL = OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, IST);
    /** The longest a line is recorded after its event happened. */
    public static final long MAX_RECORDING_LAG = 6 * 3600;

    private static final long AMENDMENT_2026 = OffsetDateTime.of(2026, 2, 20, 0, 0, 0, 0, IST).toEpochSecond();
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static final String[] COURTS = {"High Court of Delhi", "High Court of Bombay", "High Court of Madras",
        "High Court of Karnataka", "District Court, Saket"};
    private static final String[] MINISTRIES = {"Ministry of Electronics and Information Technology",
        "Ministry of Home Affairs", "Ministry of Information and Broadcasting"};
    private static final String[] GOVERNMENT_RANKS = {"SECRETARY", "ADDITIONAL_SECRETARY", "JOINT_SECRETARY",
        "JOINT_SECRETARY", "DIRECTOR"};
    private static final String[] POLICE = {"Cyber Crime, Delhi Police", "Maharashtra Cyber", "CID Cyber Crime, Karnataka"};
    private static final String[] UNLAWFUL_ACTS = {"content threatening public order", "defamatory video",
        "impersonation of a public official", "incitement to an offence"};
    private static final String[] AGENCIES = {"Indian Cyber Crime Coordination Centre", "Cyber Crime Police Station, Bengaluru",
        "National Investigation Agency", "CERT-In"};

    /** The benchmark's seed. */
    public static final long DEFAULT_SEED = 20260220L;

    private final long seed;

    public CaseLogGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Writes a log to a file, to audit it from the command line: {@code CaseLogGenerator EVENTS FILE [SEED]}, where
     * EVENTS may be written 1e6, and SEED is {@value #DEFAULT_SEED} by default.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: CaseLogGenerator EVENTS FILE [SEED]");
            System.exit(2);
        }
        long events = new java.math.BigDecimal(args[0].replace("_", "")).longValueExact();
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        try (Writer out = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(args[1]),
                java.nio.charset.StandardCharsets.UTF_8)) {
            Summary summary = new CaseLogGenerator(seed).write(events, out);
            System.out.printf(java.util.Locale.ROOT, "%s: %,d events, %,d cases, seed %d%n", args[1], summary.events(),
                    summary.cases(), seed);
        }
    }

    /** What was written. */
    public record Summary(long events, long complaints, long removalOrders, long informationRequests,
                          long intimateImageryComplaints, long linesOutOfTimeOrder, long maxDisorderSeconds,
                          OffsetDateTime firstEvent, OffsetDateTime lastEvent) {

        public long cases() {
            return complaints + removalOrders + informationRequests;
        }
    }

    /** One event of a case as drawn: when it happened, and its JSON. */
    private record Drawn(long at, String json) {
    }

    /** One event, with the instant it happened and the instant the platform recorded it. */
    private record Line(long at, long recordedAt, long sequence, String json) {
    }

    /**
     * Writes the profile, the appointments and exactly {@code events} events as JSON Lines.
     */
    public Summary write(long events, Writer out) throws IOException {
        if (events < 1) {
            throw new IllegalArgumentException("events must be positive: " + events);
        }
        out.write("{\"type\":\"PlatformProfile\",\"name\":\"Charcha\",\"registeredUsersInIndia\":80000000,"
                + "\"messagingService\":false,\"addressInIndiaPublished\":true}\n");
        out.write(appointment("appt-go-1", "GRIEVANCE_OFFICER", "R. Menon", ""));
        out.write(appointment("appt-cco-1", "CHIEF_COMPLIANCE_OFFICER", "P. Sharma", ",\"keyManagerialOrSenior\":true"));
        out.write(appointment("appt-ncp-1", "NODAL_CONTACT_PERSON", "K. Das", ""));
        out.write(appointment("appt-rgo-1", "RESIDENT_GRIEVANCE_OFFICER", "R. Menon", ""));

        double casesPerSecond = events / eventsPerCase() / (UNTIL.toEpochSecond() - FROM.toEpochSecond());
        SplittableRandom random = new SplittableRandom(seed);
        PriorityQueue<Line> pending = new PriorityQueue<>((a, b) -> a.recordedAt != b.recordedAt
                ? Long.compare(a.recordedAt, b.recordedAt) : Long.compare(a.sequence, b.sequence));
        long[] counts = new long[4];
        long written = 0;
        long sequence = 0;
        long caseNumber = 0;
        double clock = FROM.toEpochSecond();
        long latestWritten = Long.MIN_VALUE;
        long outOfOrder = 0;
        long maxDisorder = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<Drawn> drawn = new ArrayList<>();
        while (written < events) {
            clock += -StrictMath.log(1 - random.nextDouble()) / casesPerSecond;
            long start = (long) clock;
            // Everything pending was recorded before this case began, so no later case can come before it.
            while (written < events && !pending.isEmpty() && pending.peek().recordedAt < start) {
                Line line = pending.poll();
                out.write(line.json);
                out.write('\n');
                written++;
                first = Math.min(first, line.at);
                last = Math.max(last, line.at);
                if (line.at < latestWritten) {
                    outOfOrder++;
                    maxDisorder = Math.max(maxDisorder, latestWritten - line.at);
                }
                latestWritten = Math.max(latestWritten, line.at);
            }
            if (written == events) {
                break;
            }
            drawn.clear();
            counts[newCase(++caseNumber, start, random, drawn)]++;
            for (Drawn event : drawn) {
                long lag = random.nextDouble() < 0.85 ? 0 : 1 + random.nextLong(MAX_RECORDING_LAG);
                pending.add(new Line(event.at, event.at + lag, sequence++, event.json));
            }
        }
        return new Summary(written, counts[0] + counts[3], counts[1], counts[2], counts[3], outOfOrder, maxDisorder,
                instant(first), instant(last));
    }

    /** The mean number of events a case brings, from 20,000 cases drawn apart from the log itself. */
    private double eventsPerCase() {
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        List<Drawn> drawn = new ArrayList<>();
        int cases = 20_000;
        long span = UNTIL.toEpochSecond() - FROM.toEpochSecond();
        for (int i = 0; i < cases; i++) {
            newCase(i, FROM.toEpochSecond() + random.nextLong(span), random, drawn);
        }
        return (double) drawn.size() / cases;
    }

    /** Draws one case starting at {@code start}; returns 0 complaint, 1 order, 2 request, 3 intimate imagery. */
    private static int newCase(long number, long start, SplittableRandom random, List<Drawn> drawn) {
        double kind = random.nextDouble();
        boolean amended = start >= AMENDMENT_2026;
        if (kind < 0.70) {
            String caseId = String.format("GRV-%09d", number);
            double c = random.nextDouble();
            String category = c < 0.60 ? "GENERAL" : c < 0.90 ? "REMOVAL_REQUEST" : "INTIMATE_IMAGERY";
            add(drawn, start, event("ComplaintReceived", caseId, "-in", start)
                    + ",\"category\":\"" + category + "\"}");
            long acknowledged = start;
            if (random.nextDouble() < 0.97) {
                acknowledged = start + delay(random, 5 * HOUR, 1.0);
                add(drawn, acknowledged, event("ComplaintAcknowledged", caseId, "-ack", acknowledged) + "}");
            }
            if (category.equals("REMOVAL_REQUEST") && random.nextDouble() < 0.55) {
                long removed = start + (amended ? delay(random, 16 * HOUR, 0.9) : delay(random, 24 * HOUR, 1.0));
                removal(caseId, removed, "COMPLAINT", random, drawn);
            } else if (category.equals("INTIMATE_IMAGERY") && random.nextDouble() < 0.95) {
                long removed = start + (amended ? delay(random, HOUR, 0.9) : delay(random, 5 * HOUR, 1.0));
                removal(caseId, removed, "COMPLAINT", random, drawn);
            }
            if (random.nextDouble() < 0.92) {
                long resolved = Math.max(acknowledged + 60,
                        start + (amended ? delay(random, 4 * DAY, 0.5) : delay(random, 5 * DAY, 0.6)));
                add(drawn, resolved, event("ComplaintResolved", caseId, "-res", resolved) + "}");
            }
            return category.equals("INTIMATE_IMAGERY") ? 3 : 0;
        }
        if (kind < 0.85) {
            String caseId = String.format("ORD-%09d", number);
            add(drawn, start, event("RemovalOrderReceived", caseId, "-in", start) + order(number, random) + "}");
            if (random.nextDouble() < 0.96) {
                long removed = start + (amended ? delay(random, 90 * 60, 0.8) : delay(random, 10 * HOUR, 1.0));
                removal(caseId, removed, "ORDER", random, drawn);
            }
            return 1;
        }
        String caseId = String.format("LEA-%09d", number);
        add(drawn, start, event("InformationRequestReceived", caseId, "-in", start)
                + ",\"agency\":\"" + AGENCIES[random.nextInt(AGENCIES.length)] + "\"}");
        if (random.nextDouble() < 0.94) {
            long provided = start + delay(random, 30 * HOUR, 0.7);
            add(drawn, provided, event("InformationProvided", caseId, "-done", provided) + "}");
        }
        return 2;
    }

    /** Content removed (or first disabled, then removed), and now and then its records deleted later. */
    private static void removal(String caseId, long at, String basis, SplittableRandom random, List<Drawn> drawn) {
        long lastRemoval = at;
        if (basis.equals("ORDER") && random.nextDouble() < 0.05) {
            add(drawn, at, event("ContentRemoved", caseId, "-rm1", at)
                    + ",\"action\":\"DISABLED\",\"basis\":\"" + basis + "\"}");
            lastRemoval = at + delay(random, DAY, 0.5);
            add(drawn, lastRemoval, event("ContentRemoved", caseId, "-rm2", lastRemoval)
                    + ",\"action\":\"REMOVED\",\"basis\":\"" + basis + "\"}");
        } else {
            String action = random.nextDouble() < 0.7 ? "REMOVED" : "DISABLED";
            add(drawn, at, event("ContentRemoved", caseId, "-rm1", at)
                    + ",\"action\":\"" + action + "\",\"basis\":\"" + basis + "\"}");
        }
        if (random.nextDouble() < 0.03) {
            long deleted = lastRemoval + 20 * DAY + random.nextLong(280 * DAY);
            boolean instructed = random.nextDouble() < 0.4;
            add(drawn, deleted, event("RecordsDeleted", caseId, "-del", deleted)
                    + ",\"records\":\"REMOVED_CONTENT\",\"instructed\":" + instructed + "}");
        }
    }

    /** The issuer, reference and (for intimations) the particulars of a removal order, without the closing brace. */
    private static String order(long number, SplittableRandom random) {
        double kind = random.nextDouble();
        if (kind < 0.35) {
            return ",\"issuer\":{\"kind\":\"COURT\",\"authority\":\"" + COURTS[random.nextInt(COURTS.length)]
                    + "\"},\"reference\":\"CS(OS) " + number + "\"";
        }
        boolean defective = random.nextDouble() < 0.06;
        int defect = random.nextInt(3);
        String issuer;
        if (kind < 0.80) {
            String rank = defective && defect == 0 ? "BELOW_DIRECTOR" : defective && defect == 1 ? "DIRECTOR"
                    : GOVERNMENT_RANKS[random.nextInt(GOVERNMENT_RANKS.length)];
            issuer = "{\"kind\":\"GOVERNMENT\",\"authority\":\"" + MINISTRIES[random.nextInt(MINISTRIES.length)]
                    + "\",\"rank\":\"" + rank + "\""
                    + (rank.equals("DIRECTOR") ? ",\"jointSecretaryAppointed\":" + (defective && defect == 1) : "") + "}";
        } else {
            String rank = defective && defect == 0 ? "BELOW_DEPUTY_INSPECTOR_GENERAL"
                    : random.nextBoolean() ? "DEPUTY_INSPECTOR_GENERAL_OF_POLICE" : "INSPECTOR_GENERAL_OF_POLICE";
            issuer = "{\"kind\":\"POLICE\",\"authority\":\"" + POLICE[random.nextInt(POLICE.length)]
                    + "\",\"rank\":\"" + rank + "\",\"specificallyAuthorised\":" + !(defective && defect == 1) + "}";
        }
        String targets = defective && defect == 2 ? "[]" : "[\"https://charcha.example/p/" + number + "\"]";
        return ",\"issuer\":" + issuer + ",\"reference\":\"No. " + number + "/2026-CyLaw\""
                + ",\"intimation\":{\"inWriting\":true,\"reasoned\":true,"
                + "\"legalBasis\":\"Section 79(3)(b) of the IT Act, 2000; Rule 3(1)(d)\",\"unlawfulAct\":\""
                + UNLAWFUL_ACTS[random.nextInt(UNLAWFUL_ACTS.length)] + "\",\"targets\":" + targets + "}";
    }

    private static String appointment(String id, String role, String person, String extra) {
        return "{\"type\":\"OfficerAppointment\",\"id\":\"" + id + "\",\"role\":\"" + role + "\",\"person\":\"" + person
                + "\",\"residentInIndia\":true,\"employee\":true,\"contactPublished\":true,"
                + "\"from\":\"2021-05-20T00:00:00+05:30\"" + extra + "}\n";
    }

    /** The start of an event's JSON, without the closing brace. */
    private static String event(String type, String caseId, String suffix, long at) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + caseId + suffix + "\",\"caseId\":\"" + caseId + "\",\"at\":\""
                + INSTANT.format(instant(at)) + "\"";
    }

    private static void add(List<Drawn> drawn, long at, String json) {
        drawn.add(new Drawn(at, json));
    }

    /** A log-normal delay in seconds with the median and spread given, at least a minute. */
    private static long delay(SplittableRandom random, long median, double sigma) {
        // Box-Muller with StrictMath, so the same seed gives the same log on every JVM.
        double gaussian = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()))
                * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
        return Math.max(60, Math.round(median * StrictMath.exp(sigma * gaussian)));
    }

    private static OffsetDateTime instant(long epochSecond) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), IST);
    }
}
