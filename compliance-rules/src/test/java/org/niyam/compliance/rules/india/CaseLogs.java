package org.niyam.compliance.rules.india;

import static org.niyam.compliance.rules.india.IndiaPack.ist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.niyam.compliance.india.AccountCancelled;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.CyberIncidentNoticed;
import org.niyam.compliance.india.CyberIncidentReported;
import org.niyam.compliance.india.FirstOriginatorIdentified;
import org.niyam.compliance.india.FirstOriginatorOrderReceived;
import org.niyam.compliance.india.GacOrderComplied;
import org.niyam.compliance.india.GacOrderReceived;
import org.niyam.compliance.india.InformationProvided;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.india.Intimation;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.IssuerRank;
import org.niyam.compliance.india.OffenceGround;
import org.niyam.compliance.india.OriginatorOrderSource;
import org.niyam.compliance.india.RecordKind;
import org.niyam.compliance.india.RecordsDeleted;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.india.UserNotified;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;

/**
 * Generated case logs for the India pack, as JSON Lines, and mutations of them that break some lines and replay or
 * reorder others. Everything comes from the {@link Random} handed in, so a seed gives the same logs on every run.
 */
final class CaseLogs {

    private static final ObjectMapper JSON = ComplianceJson.mapper().disable(SerializationFeature.INDENT_OUTPUT);

    /** Receipt instants in four law versions, one just before the 2026 amendment so that clocks span it. */
    private static final List<OffsetDateTime> ERAS = List.of(
            ist("2024-07-15T09:05:10.500"),
            ist("2025-12-01T22:30:45.750"),
            ist("2026-02-19T20:00:00"),
            ist("2026-03-02T11:20:00.375"));

    private static final List<ZoneOffset> OFFSETS = List.of(IndiaPack.IST, ZoneOffset.UTC, ZoneOffset.ofHours(9),
            ZoneOffset.ofHours(-4));

    /** Words that stand for what users write: they must reach the rules, never a log above DEBUG. */
    static final List<String> FREE_TEXT = List.of("my neighbour posted my photo", "defamatory video of a shopkeeper",
            "leaked phone number", "impersonating account");

    private CaseLogs() {
    }

    /**
     * One line of a log.
     *
     * @param json   the line's text
     * @param caseId the case of an event line; {@code null} for the platform profile and appointments, which bear
     *               on every case
     */
    record Line(String json, String caseId) {

        boolean platformWide() {
            return caseId == null;
        }
    }

    /** A valid log: its lines, the evidence they hold, and the instant to evaluate it at. */
    record Log(List<Line> lines, Evidence evidence, OffsetDateTime asOf) {

        Set<String> caseIds() {
            Set<String> ids = new LinkedHashSet<>();
            lines.stream().filter(l -> !l.platformWide()).forEach(l -> ids.add(l.caseId()));
            return ids;
        }

        String text() {
            return String.join("\n", lines.stream().map(Line::json).toList()) + "\n";
        }
    }

    // ---- valid logs ----

    /** A log of {@code cases} cases of every kind the pack knows, with a platform profile most of the time. */
    static Log generate(Random random, int cases) {
        OffsetDateTime start = ERAS.get(random.nextInt(ERAS.size()));
        List<Line> lines = new ArrayList<>();
        PlatformProfile platform = null;
        if (random.nextInt(6) != 0) {
            long users = List.of(1_000_000L, 6_000_000L, 80_000_000L).get(random.nextInt(3));
            Boolean address = random.nextInt(3) == 0 ? null : random.nextBoolean();
            platform = new PlatformProfile("ExampleNet", users, random.nextInt(4) == 0, address);
            lines.add(new Line(typed("PlatformProfile", platform), null));
        }
        List<OfficerAppointment> appointments = new ArrayList<>();
        int officers = random.nextInt(5);
        for (int o = 0; o < officers; o++) {
            OfficerRole role = OfficerRole.values()[random.nextInt(OfficerRole.values().length)];
            OffsetDateTime from = start.minusDays(30 + random.nextInt(400));
            OffsetDateTime to = random.nextInt(3) == 0 ? start.plusDays(random.nextInt(20)) : null;
            OfficerAppointment appointment = new OfficerAppointment("appt-" + o, role, "Officer Person " + o,
                    random.nextInt(5) != 0, random.nextInt(5) != 0, random.nextBoolean(), from, to,
                    role == OfficerRole.CHIEF_COMPLIANCE_OFFICER && random.nextBoolean() ? Boolean.TRUE : null);
            appointments.add(appointment);
            lines.add(new Line(typed("OfficerAppointment", appointment), null));
        }
        List<CaseEvent> events = new ArrayList<>();
        int[] next = {0};
        for (int c = 0; c < cases; c++) {
            String caseId = "case-" + c;
            OffsetDateTime trigger = start.plus(Duration.ofMillis(random.nextLong(Duration.ofDays(5).toMillis())));
            for (CaseEvent event : caseEvents(random, caseId, trigger, next)) {
                events.add(event);
                lines.add(new Line(event(event), caseId));
            }
        }
        OffsetDateTime asOf = start.plus(Duration.ofMillis(random.nextLong(Duration.ofDays(25).toMillis())))
                .withOffsetSameInstant(IndiaPack.IST);
        return new Log(List.copyOf(lines), new Evidence(platform, appointments, events), asOf);
    }

    private static List<CaseEvent> caseEvents(Random random, String caseId, OffsetDateTime at, int[] next) {
        List<CaseEvent> events = new ArrayList<>();
        switch (random.nextInt(12)) {
            case 0, 1, 2 -> {
                ComplaintCategory category = ComplaintCategory.values()[random.nextInt(ComplaintCategory.values().length)];
                events.add(new ComplaintReceived(id(next), caseId, shift(random, at), category));
                if (random.nextInt(4) != 0) {
                    events.add(new ComplaintAcknowledged(id(next), caseId, after(random, at)));
                }
                if (category != ComplaintCategory.GENERAL && random.nextBoolean()) {
                    events.add(new ContentRemoved(id(next), caseId, after(random, at), TakedownAction.DISABLED,
                            RemovalBasis.COMPLAINT));
                }
                if (random.nextInt(3) != 0) {
                    events.add(new ComplaintResolved(id(next), caseId, after(random, at)));
                }
                if (random.nextInt(3) == 0) {
                    events.add(new CustomEvent(id(next), caseId, after(random, at), "complaint.text",
                            Map.of("text", FREE_TEXT.get(random.nextInt(FREE_TEXT.size())))));
                }
            }
            case 3 -> {
                events.add(new RemovalOrderReceived(id(next), caseId, shift(random, at),
                        new Issuer(IssuerKind.COURT, "High Court of Delhi", null), "W.P.(C) " + random.nextInt(9000)));
                removal(random, caseId, at, RemovalBasis.ORDER, events, next);
            }
            case 4 -> {
                // A government intimation that states every particular the 2025 amendment asks for.
                events.add(new RemovalOrderReceived(id(next), caseId, shift(random, at),
                        new Issuer(IssuerKind.GOVERNMENT, "Ministry of Electronics and Information Technology",
                                random.nextBoolean() ? IssuerRank.JOINT_SECRETARY : IssuerRank.SECRETARY, null, null),
                        "No. 9(14)/2025-CyLaw", IndiaPack.completeIntimation()));
                removal(random, caseId, at, RemovalBasis.ORDER, events, next);
            }
            case 5 -> {
                // A police intimation, sometimes with a particular missing (a finding, and no clock).
                Intimation said = random.nextBoolean() ? IndiaPack.completeIntimation()
                        : new Intimation(true, random.nextBoolean(), "Section 79(3)(b)", null,
                                List.of("https://example.net/p/" + random.nextInt(1000)));
                events.add(new RemovalOrderReceived(id(next), caseId, shift(random, at),
                        new Issuer(IssuerKind.POLICE, "Cyber Crime Cell",
                                IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE, random.nextBoolean(), null),
                        null, said));
                removal(random, caseId, at, RemovalBasis.ORDER, events, next);
            }
            case 6 -> {
                events.add(new InformationRequestReceived(id(next), caseId, shift(random, at),
                        random.nextBoolean() ? "CERT-In" : null));
                if (random.nextInt(3) != 0) {
                    events.add(new InformationProvided(id(next), caseId, after(random, at)));
                }
            }
            case 7 -> {
                events.add(new ContentRemoved(id(next), caseId, shift(random, at), TakedownAction.REMOVED,
                        RemovalBasis.OWN_INITIATIVE));
                if (random.nextBoolean()) {
                    events.add(new UserNotified(id(next), caseId, at.minusMinutes(random.nextInt(120) - 60),
                            random.nextInt(4) == 0 ? null : "Rule 3(1)(b)(ii)"));
                }
            }
            case 8 -> {
                events.add(new GacOrderReceived(id(next), caseId, shift(random, at)));
                if (random.nextBoolean()) {
                    events.add(new GacOrderComplied(id(next), caseId, after(random, at)));
                }
            }
            case 9 -> {
                events.add(new CyberIncidentNoticed(id(next), caseId, shift(random, at), "unauthorised access"));
                if (random.nextBoolean()) {
                    events.add(new CyberIncidentReported(id(next), caseId, after(random, at)));
                }
            }
            case 10 -> {
                events.add(new AccountCancelled(id(next), caseId, shift(random, at)));
                if (random.nextBoolean()) {
                    events.add(new RecordsDeleted(id(next), caseId, after(random, at), RecordKind.REGISTRATION_DATA,
                            random.nextBoolean()));
                }
            }
            default -> {
                events.add(new FirstOriginatorOrderReceived(id(next), caseId, shift(random, at),
                        random.nextBoolean() ? OriginatorOrderSource.COURT_ORDER : OriginatorOrderSource.SECTION_69_ORDER,
                        random.nextBoolean(), OffenceGround.values()[random.nextInt(OffenceGround.values().length)],
                        random.nextBoolean() ? 5 + random.nextInt(6) : null));
                if (random.nextBoolean()) {
                    events.add(new FirstOriginatorIdentified(id(next), caseId, after(random, at)));
                }
            }
        }
        return events;
    }

    private static void removal(Random random, String caseId, OffsetDateTime at, RemovalBasis basis,
                                List<CaseEvent> events, int[] next) {
        if (random.nextInt(4) != 0) {
            OffsetDateTime removed = after(random, at);
            events.add(new ContentRemoved(id(next), caseId, removed,
                    random.nextBoolean() ? TakedownAction.REMOVED : TakedownAction.DISABLED, basis));
            if (random.nextInt(3) == 0) {
                events.add(new RecordsDeleted(id(next), caseId, removed.plusDays(random.nextInt(200)),
                        RecordKind.REMOVED_CONTENT, random.nextBoolean()));
            }
        }
    }

    private static String id(int[] next) {
        return "e" + next[0]++;
    }

    /** The same instant in one of several offsets. */
    private static OffsetDateTime shift(Random random, OffsetDateTime at) {
        return at.withOffsetSameInstant(OFFSETS.get(random.nextInt(OFFSETS.size())));
    }

    /** An action: minutes, hours or days after the trigger, now and then a little before it. */
    private static OffsetDateTime after(Random random, OffsetDateTime at) {
        long millis = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(Duration.ofHours(4).toMillis());
            case 1 -> random.nextLong(Duration.ofHours(80).toMillis());
            case 2 -> random.nextLong(Duration.ofDays(20).toMillis());
            default -> random.nextLong(Duration.ofHours(3).toMillis()) - Duration.ofHours(1).toMillis();
        };
        return shift(random, at.plus(Duration.ofMillis(millis)));
    }

    static String event(CaseEvent event) {
        try {
            return JSON.writerFor(CaseEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A platform profile or appointment as a log line: its fields after a {@code type}. */
    private static String typed(String type, Object value) {
        ObjectNode line = JSON.createObjectNode().put("type", type);
        line.setAll((ObjectNode) JSON.valueToTree(value));
        return line.toString();
    }

    // ---- mutations ----

    /** The ways a log is damaged. */
    enum Mutation {
        BREAK_JSON, DROP_FIELD, WRONG_TYPE, DROP_OFFSET, UNKNOWN_TYPE,
        /** An instant outside 1990-01-01T00:00Z to 2200-01-01T00:00Z (the epoch placeholder, Java's last year). */
        FAR_INSTANT,
        /** A key given a second time, with the same or another value. */
        DUPLICATE_KEY,
        /** An id written as a number with a fraction or an exponent, such as 1e2. */
        FRACTION_ID,
        /** A lone surrogate escape (half of a UTF-16 pair) appended to a text field. */
        LONE_SURROGATE,
        /** The line padded with spaces past the maximum line length. */
        LONG_LINE,
        /** A field nested deeper than the parser allows. */
        DEEP_NESTING,
        /** Every character of the line's strings written as a unicode escape: the same entry, to be kept. */
        ESCAPED,
        NEGATIVE_USERS,
        /** An event's id given again, later, to another event: rejected, the first kept. */
        REUSE_ID,
        /**
         * An appointment given again, later, with other content: not rejected, it replaces the first (the last line
         * read of a standing fact's type and id is the fact).
         */
        REPLACE_FACT,
        DUPLICATE, BLANK
    }


    /**
     * A line of a mutated log.
     *
     * @param json       its text
     * @param caseId     as {@link Line#caseId()}
     * @param original   the index of the valid line it is or copies, or -1 for a line made up
     * @param mustReject whether the reader must reject it
     */
    record MutatedLine(String json, String caseId, int original, boolean mustReject) {
    }

    /**
     * A damaged log and what reading it must give.
     *
     * @param valid      the log it was made from
     * @param lines      its lines, in file order
     * @param broken     the indexes into the valid log's lines of those damaged in place (so never read)
     * @param duplicates how many lines replay an entry unchanged
     * @param replacing  how many appointment lines were added with the id of one before and other content
     * @param applied    the mutations applied, for failure messages
     */
    record Mutated(Log valid, List<MutatedLine> lines, Set<Integer> broken, int duplicates, int replacing,
                   List<String> applied) {

        String text() {
            return String.join("\n", lines.stream().map(MutatedLine::json).toList()) + "\n";
        }

        /** 1-based numbers of the lines the reader must reject. */
        List<Integer> mustReject() {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).mustReject()) {
                    numbers.add(i + 1);
                }
            }
            return numbers;
        }

        long entries() {
            return lines.stream().filter(l -> !l.json().isBlank()).count();
        }

        /** Whether a line bearing on every case (the platform, an appointment) was damaged or replaced. */
        boolean platformWideBroken() {
            return replacing > 0 || broken.stream().anyMatch(i -> valid.lines().get(i).platformWide());
        }

        /** The cases none of whose valid lines was damaged. */
        Set<String> untouchedCases() {
            Set<String> cases = new LinkedHashSet<>(valid.caseIds());
            broken.forEach(i -> cases.remove(valid.lines().get(i).caseId()));
            return cases;
        }
    }

    /** Damages a valid log with one to four mutations, and shuffles its lines half of the time. */
    static Mutated mutate(Log log, Random random) {
        List<MutatedLine> lines = new ArrayList<>();
        for (int i = 0; i < log.lines().size(); i++) {
            lines.add(new MutatedLine(log.lines().get(i).json(), log.lines().get(i).caseId(), i, false));
        }
        List<String> applied = new ArrayList<>();
        if (random.nextBoolean()) {
            Collections.shuffle(lines, random);
            applied.add("SHUFFLE");
        }
        Set<Integer> broken = new LinkedHashSet<>();
        int duplicates = 0;
        int replacing = 0;
        int count = 1 + random.nextInt(4);
        // Lines are damaged in place first; copies and clashes are added after, of lines left intact, so that a
        // clash always comes after the line it clashes with.
        List<Mutation> planned = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            planned.add(Mutation.values()[random.nextInt(Mutation.values().length)]);
        }
        planned.sort(null);
        for (Mutation mutation : planned) {
            switch (mutation) {
                case BREAK_JSON, DROP_FIELD, WRONG_TYPE, DROP_OFFSET, UNKNOWN_TYPE, FAR_INSTANT, DUPLICATE_KEY,
                        FRACTION_ID, LONE_SURROGATE, LONG_LINE, DEEP_NESTING -> {
                    int at = intactLine(lines, broken, random);
                    if (at < 0) {
                        continue;
                    }
                    MutatedLine line = lines.get(at);
                    String damaged = damage(mutation, line.json(), random);
                    if (damaged == null) {
                        continue;
                    }
                    lines.set(at, new MutatedLine(damaged, line.caseId(), line.original(), true));
                    broken.add(line.original());
                    applied.add(mutation + " line " + (at + 1));
                }
                case ESCAPED -> {
                    int at = intactLine(lines, broken, random);
                    if (at < 0) {
                        continue;
                    }
                    MutatedLine line = lines.get(at);
                    lines.set(at, new MutatedLine(escaped(line.json(), random), line.caseId(), line.original(), false));
                    applied.add("ESCAPED line " + (at + 1));
                }
                case NEGATIVE_USERS -> {
                    int platform = indexOf(lines, "PlatformProfile");
                    if (platform >= 0 && !broken.contains(lines.get(platform).original()) && random.nextBoolean()) {
                        MutatedLine line = lines.get(platform);
                        ObjectNode node = parse(line.json());
                        node.put("registeredUsersInIndia", -1 - random.nextInt(1_000_000));
                        lines.set(platform, new MutatedLine(node.toString(), null, line.original(), true));
                        broken.add(line.original());
                        applied.add("NEGATIVE_USERS line " + (platform + 1));
                    } else {
                        String bad = "{\"type\":\"PlatformProfile\",\"name\":\"ExampleNet\",\"registeredUsersInIndia\":"
                                + (-1 - random.nextInt(1_000_000)) + ",\"messagingService\":false}";
                        int at = random.nextInt(lines.size() + 1);
                        lines.add(at, new MutatedLine(bad, null, -1, true));
                        applied.add("NEGATIVE_USERS inserted at line " + (at + 1));
                    }
                }
                case REUSE_ID -> {
                    int at = intactLine(lines, broken, random);
                    if (at < 0 || lines.get(at).caseId() == null) {
                        continue; // an event's id only: a standing fact given again replaces (REPLACE_FACT)
                    }
                    ObjectNode node = parse(lines.get(at).json());
                    node.put("at", OffsetDateTime.parse(node.get("at").asText()).plusMinutes(1 + random.nextInt(90))
                            .toString());
                    int where = at + 1 + random.nextInt(lines.size() - at);
                    lines.add(where, new MutatedLine(node.toString(), lines.get(at).caseId(), -1, true));
                    applied.add("REUSE_ID of line " + (at + 1) + " at line " + (where + 1));
                }
                case REPLACE_FACT -> {
                    int at = intactLine(lines, broken, random);
                    if (at < 0 || !lines.get(at).json().contains("\"type\":\"OfficerAppointment\"")) {
                        continue;
                    }
                    ObjectNode node = parse(lines.get(at).json());
                    node.put("person", node.get("person").asText() + " Jr.");
                    int where = at + 1 + random.nextInt(lines.size() - at);
                    lines.add(where, new MutatedLine(node.toString(), null, -1, false));
                    replacing++;
                    applied.add("REPLACE_FACT of line " + (at + 1) + " at line " + (where + 1));
                }
                case DUPLICATE -> {
                    int at = intactLine(lines, broken, random);
                    if (at < 0) {
                        continue;
                    }
                    MutatedLine line = lines.get(at);
                    int where = random.nextInt(lines.size() + 1);
                    lines.add(where, new MutatedLine(line.json(), line.caseId(), line.original(), false));
                    duplicates++;
                    applied.add("DUPLICATE of line " + (at + 1) + " at line " + (where + 1));
                }
                case BLANK -> {
                    int where = random.nextInt(lines.size() + 1);
                    lines.add(where, new MutatedLine(random.nextBoolean() ? "" : "   ", null, -1, false));
                    applied.add("BLANK at line " + (where + 1));
                }
            }
        }
        return new Mutated(log, List.copyOf(lines), Set.copyOf(broken), duplicates, replacing,
                List.copyOf(applied));
    }

    /** A random line that is one of the valid log's lines, not damaged, not a copy; -1 if there is none. */
    private static int intactLine(List<MutatedLine> lines, Set<Integer> broken, Random random) {
        Map<Integer, Integer> firstOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            MutatedLine line = lines.get(i);
            if (line.original() >= 0 && !line.mustReject() && !broken.contains(line.original())) {
                firstOf.putIfAbsent(line.original(), i);
            }
        }
        List<Integer> candidates = List.copyOf(firstOf.values());
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    private static int indexOf(List<MutatedLine> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).original() >= 0 && lines.get(i).json().contains("\"type\":\"" + type + "\"")) {
                return i;
            }
        }
        return -1;
    }

    /** The line damaged so that it can no longer be read; {@code null} when this mutation does not fit it. */
    private static String damage(Mutation mutation, String json, Random random) {
        ObjectNode node = parse(json);
        String type = node.get("type").asText();
        boolean event = !type.equals("PlatformProfile") && !type.equals("OfficerAppointment");
        switch (mutation) {
            case BREAK_JSON -> {
                return random.nextBoolean()
                        ? json.substring(0, 1 + random.nextInt(json.length() - 2)) // cut before the closing brace
                        : "{," + json.substring(1);
            }
            case DROP_FIELD -> {
                List<String> required = event ? List.of("type", "id", "caseId", "at")
                        : type.equals("PlatformProfile") ? List.of("name", "registeredUsersInIndia", "messagingService")
                        : List.of("id", "role", "person", "from", "residentInIndia", "employee", "contactPublished");
                node.remove(required.get(random.nextInt(required.size())));
                return node.toString();
            }
            case WRONG_TYPE -> {
                List<String> fields = event ? List.of("id", "caseId", "at")
                        : type.equals("PlatformProfile") ? List.of("registeredUsersInIndia", "messagingService")
                        : List.of("role", "from", "residentInIndia");
                String field = fields.get(random.nextInt(fields.size()));
                JsonNode wrong = switch (random.nextInt(3)) {
                    case 0 -> JSON.createObjectNode().put("value", node.path(field).asText());
                    case 1 -> JSON.createArrayNode().add(node.path(field).asText());
                    default -> field.equals("id") || field.equals("caseId")
                            ? JSON.createArrayNode()
                            : JSON.getNodeFactory().textNode("not-a-" + field);
                };
                node.set(field, wrong);
                return node.toString();
            }
            case DROP_OFFSET -> {
                String field = event ? "at" : type.equals("OfficerAppointment") ? "from" : null;
                if (field == null) {
                    return null;
                }
                node.put(field, OffsetDateTime.parse(node.get(field).asText()).toLocalDateTime().toString());
                return node.toString();
            }
            case UNKNOWN_TYPE -> {
                node.put("type", List.of("ComplaintEscalated", "complaintreceived", "Removal Order", "Profile")
                        .get(random.nextInt(4)));
                return node.toString();
            }
            case FAR_INSTANT -> {
                String field = event ? "at" : type.equals("OfficerAppointment") ? "from" : null;
                if (field == null) {
                    return null;
                }
                node.put(field, List.of("1970-01-01T00:00:00+05:30", "+999999999-12-31T23:59:59+05:30",
                        "-999999999-01-01T00:00:00Z", "1989-12-31T23:59:59.999Z", "2200-01-01T00:00:00Z")
                        .get(random.nextInt(5)));
                return node.toString();
            }
            case DUPLICATE_KEY -> {
                List<String> fields = new ArrayList<>();
                node.fieldNames().forEachRemaining(fields::add);
                String field = fields.get(random.nextInt(fields.size()));
                String value = random.nextBoolean() ? node.get(field).toString() : "\"other\"";
                return json.substring(0, json.lastIndexOf('}')) + ",\"" + field + "\":" + value + "}";
            }
            case FRACTION_ID -> {
                if (!node.has("id")) {
                    return null;
                }
                node.put("id", "@ID@");
                return node.toString().replace("\"@ID@\"", List.of("1e2", "1E2", "1.5", "-0.0", "7e-3")
                        .get(random.nextInt(5)));
            }
            case LONE_SURROGATE -> {
                String field = event ? (random.nextBoolean() ? "id" : "caseId")
                        : type.equals("PlatformProfile") ? "name" : "person";
                String escaped = node.get(field).toString();
                node.put(field, "@TEXT@");
                String lone = List.of("\\ud800", "\\udfff", "\\uDBFF").get(random.nextInt(3));
                return node.toString().replace("\"@TEXT@\"", escaped.substring(0, escaped.length() - 1) + lone + "\"");
            }
            case LONG_LINE -> {
                return json + " ".repeat(CaseLogReader.MAX_LINE_LENGTH + 1 - json.length() + random.nextInt(100));
            }
            case DEEP_NESTING -> {
                int depth = 1001 + random.nextInt(2000);
                return json.substring(0, json.lastIndexOf('}')) + ",\"deep\":" + "[".repeat(depth) + "]".repeat(depth)
                        + "}";
            }
            default -> throw new IllegalArgumentException(mutation.toString());
        }
    }

    /** The line with every character inside its strings written as a unicode escape, in either case of hex. */
    private static String escaped(String json, Random random) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString) {
                inString = c == '"';
                out.append(c);
            } else if (c == '"') {
                inString = false;
                out.append(c);
            } else if (c == '\\') {
                out.append(c).append(json.charAt(++i)); // an escape already: kept as it is
            } else {
                String hex = String.format("%04x", (int) c);
                out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
