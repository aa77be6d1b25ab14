package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.AccountCancelled;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ComplianceReportPublished;
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
import org.niyam.compliance.india.UsersInformed;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * The India pack under test: one engine per test JVM, the law's versions as pack.yaml names them, and small
 * builders for evidence. Every instant is fixed; nothing here reads the wall clock.
 */
final class IndiaPack {

    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    static final String INSTRUMENT =
            "Information Technology (Intermediary Guidelines and Digital Media Ethics Code) Rules, 2021";

    // Version names exactly as pack.yaml spells them; citations must carry them verbatim.
    static final String V2021 = "IT Rules 2021 as notified (G.S.R. 139(E))";
    static final String V2022 = "as amended by G.S.R. 794(E), 2022";
    static final String V2023 = "as amended by G.S.R. 275(E), 2023";
    static final String V2025 = "as amended by G.S.R. 775(E), 2025";
    static final String V2026 = "as amended by G.S.R. 120(E), 2026";

    /** Effective instants: 00:00 IST on the day each version took effect. */
    static final OffsetDateTime IT_RULES_2021 = ist("2021-02-25T00:00");
    static final OffsetDateTime RULE_4_APPLIES = ist("2021-05-26T00:00");
    static final OffsetDateTime AMENDMENT_2022 = ist("2022-10-28T00:00");
    static final OffsetDateTime AMENDMENT_2025 = ist("2025-11-15T00:00");
    static final OffsetDateTime AMENDMENT_2026 = ist("2026-02-20T00:00");
    /** The CERT-In directions of 28 Apr 2022 took effect 60 days later. */
    static final OffsetDateTime CERT_IN_DIRECTIONS = ist("2022-06-28T00:00");

    /**
     * For each version, a receipt instant well inside it, with odd seconds and milliseconds so that a clock
     * rounded to the minute or the day would show. No clock of up to 15 days started here reaches the next version.
     */
    private static final Map<String, OffsetDateTime> RECEIVED_UNDER = Map.of(
            V2021, ist("2021-06-10T10:15:30.250"),
            V2022, ist("2022-12-05T16:40:07.125"),
            V2023, ist("2024-07-15T09:05:10.500"),
            V2025, ist("2025-12-01T22:30:45.750"),
            V2026, ist("2026-03-02T11:20:00.375"));

    private static final ComplianceEngine ENGINE = builder().build();

    private IndiaPack() {
    }

    /** A builder with the India pack, for a test class that needs an engine with settings; build it once. */
    static ComplianceEngine.Builder builder() {
        return ComplianceEngine.builder().rulePack(RulePack.classpath("org/niyam/compliance/rules/india"));
    }

    /** The engine every test shares, built without settings. */
    static ComplianceEngine engine() {
        return ENGINE;
    }

    // ---- time ----

    /** A local date-time in India Standard Time, e.g. {@code ist("2026-02-19T20:00")}. */
    static OffsetDateTime ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atOffset(IST);
    }

    static Duration hours(long n) {
        return Duration.ofHours(n);
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    /** Calendar months: a clock of this length ends on the same day of the month (or the month's last day). */
    static Period months(int n) {
        return Period.ofMonths(n);
    }

    /** The three instants around a deadline at which every clock is tested. */
    enum Boundary {
        DUE_MINUS_1_MS(-1, "due - 1 ms"),
        DUE(0, "due"),
        DUE_PLUS_1_MS(1, "due + 1 ms");

        private final long millis;
        private final String label;

        Boundary(long millis, String label) {
            this.millis = millis;
            this.label = label;
        }

        OffsetDateTime of(OffsetDateTime due) {
            return due.plus(Duration.ofMillis(millis));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * A clock as the law sets it in one version: received under {@code version}, it runs for {@code length}, a
     * {@link Duration} (N x 24 h) or a {@link Period} (calendar months), and is due at {@code due}. The expected due
     * instant is computed here from the law's table, not read back from the engine.
     */
    record Clock(String version, OffsetDateTime receivedAt, TemporalAmount length, OffsetDateTime due) {

        OffsetDateTime at(Boundary boundary) {
            return boundary.of(due());
        }

        @Override
        public String toString() {
            String clock = describe(length);
            return clock + " under '" + version + "'"
                    + (due.isEqual(receivedAt.plus(length)) ? "" : ", cut short to " + due.toLocalDate());
        }

        private static String describe(TemporalAmount length) {
            if (length instanceof Period period) {
                return period.toTotalMonths() + " months";
            }
            long h = ((Duration) length).toHours();
            return h % 24 == 0 && h >= 96 ? h / 24 + " days" : h + " h";
        }
    }

    /** The clock of {@code length}, started at this class's receipt instant inside {@code version}. */
    static Clock clock(String version, TemporalAmount length) {
        OffsetDateTime received = RECEIVED_UNDER.get(version);
        return new Clock(version, received, length, received.plus(length));
    }

    /** The receipt instant this class uses inside {@code version}. */
    static OffsetDateTime receivedUnder(String version) {
        return RECEIVED_UNDER.get(version);
    }

    // ---- case events; ids are derived from kind, case and instant, so they are stable and unique ----

    static RemovalOrderReceived removalOrder(String caseId, OffsetDateTime at) {
        return new RemovalOrderReceived(id("order", caseId, at), caseId, at,
                new Issuer(IssuerKind.COURT, "High Court of Delhi", null), "W.P.(C) 1/2024");
    }

    /** A government or police intimation, with what it states. */
    static RemovalOrderReceived intimation(String caseId, OffsetDateTime at, Issuer issuer, Intimation said) {
        return new RemovalOrderReceived(id("intimation", caseId, at), caseId, at, issuer, "No. 9(14)/2025-CyLaw", said);
    }

    /** An intimation that states everything the 2025 amendment asks. */
    static Intimation completeIntimation() {
        return new Intimation(true, true, "Section 79(3)(b) of the IT Act, 2000; Rule 3(1)(d)",
                "content threatening public order", List.of("https://example.net/p/88231"));
    }

    /** A Joint Secretary of the Ministry of Electronics and Information Technology. */
    static Issuer jointSecretary() {
        return new Issuer(IssuerKind.GOVERNMENT, "Ministry of Electronics and Information Technology",
                IssuerRank.JOINT_SECRETARY, null, null);
    }

    static ContentRemoved removed(String caseId, OffsetDateTime at) {
        return new ContentRemoved(id("removed", caseId, at), caseId, at, TakedownAction.REMOVED);
    }

    /** A takedown with its recorded basis. */
    static ContentRemoved removed(String caseId, OffsetDateTime at, RemovalBasis basis) {
        return new ContentRemoved(id("removed", caseId, at), caseId, at, TakedownAction.REMOVED, basis);
    }

    static UserNotified userNotified(String caseId, OffsetDateTime at, String grounds) {
        return new UserNotified(id("notified", caseId, at), caseId, at, grounds);
    }

    static RecordsDeleted recordsDeleted(String caseId, OffsetDateTime at, RecordKind records, boolean instructed) {
        return new RecordsDeleted(id("deleted-" + records, caseId, at), caseId, at, records, instructed);
    }

    static AccountCancelled accountCancelled(String caseId, OffsetDateTime at) {
        return new AccountCancelled(id("cancelled", caseId, at), caseId, at);
    }

    /** A notice to users of the rules; all such notices share the case {@code user-notices}. */
    static UsersInformed usersInformed(OffsetDateTime at) {
        return usersInformed("user-notices", at);
    }

    /** A notice to users recorded under another case id. */
    static UsersInformed usersInformed(String caseId, OffsetDateTime at) {
        return new UsersInformed(id("users-informed", caseId, at), caseId, at);
    }

    static ComplianceReportPublished reportPublished(YearMonth month, OffsetDateTime at) {
        return new ComplianceReportPublished(id("report-" + month, "monthly-reports", at), "monthly-reports", at,
                month);
    }

    static GacOrderReceived gacOrder(String caseId, OffsetDateTime at) {
        return new GacOrderReceived(id("gac-order", caseId, at), caseId, at);
    }

    static GacOrderComplied gacComplied(String caseId, OffsetDateTime at) {
        return new GacOrderComplied(id("gac-complied", caseId, at), caseId, at);
    }

    static FirstOriginatorOrderReceived originatorOrder(String caseId, OffsetDateTime at,
                                                        OriginatorOrderSource source, Boolean copyOfInformation,
                                                        OffenceGround ground, Integer minimumPunishmentYears) {
        return new FirstOriginatorOrderReceived(id("originator-order", caseId, at), caseId, at, source,
                copyOfInformation, ground, minimumPunishmentYears);
    }

    static FirstOriginatorIdentified originatorIdentified(String caseId, OffsetDateTime at) {
        return new FirstOriginatorIdentified(id("originator-identified", caseId, at), caseId, at);
    }

    static CyberIncidentNoticed incidentNoticed(String caseId, OffsetDateTime at) {
        return new CyberIncidentNoticed(id("incident", caseId, at), caseId, at, "unauthorised access to IT systems");
    }

    static CyberIncidentReported incidentReported(String caseId, OffsetDateTime at) {
        return new CyberIncidentReported(id("reported", caseId, at), caseId, at);
    }

    static ContentRemoved disabled(String caseId, OffsetDateTime at) {
        return new ContentRemoved(id("disabled", caseId, at), caseId, at, TakedownAction.DISABLED);
    }

    static ComplaintReceived complaint(String caseId, OffsetDateTime at, ComplaintCategory category) {
        return new ComplaintReceived(id("complaint", caseId, at), caseId, at, category);
    }

    static ComplaintAcknowledged acknowledged(String caseId, OffsetDateTime at) {
        return new ComplaintAcknowledged(id("acknowledged", caseId, at), caseId, at);
    }

    static ComplaintResolved resolved(String caseId, OffsetDateTime at) {
        return new ComplaintResolved(id("resolved", caseId, at), caseId, at);
    }

    static InformationRequestReceived informationRequest(String caseId, OffsetDateTime at) {
        return new InformationRequestReceived(id("request", caseId, at), caseId, at, "CERT-In");
    }

    static InformationProvided informationProvided(String caseId, OffsetDateTime at) {
        return new InformationProvided(id("provided", caseId, at), caseId, at);
    }

    private static String id(String kind, String caseId, OffsetDateTime at) {
        return kind + ":" + caseId + "@" + at.toInstant();
    }

    // ---- platform and officers ----

    /** A social network, not mainly messaging, that does not record whether it publishes an address in India. */
    static PlatformProfile platform(long registeredUsersInIndia) {
        return new PlatformProfile("ExampleNet", registeredUsersInIndia, false);
    }

    /** A service that mainly provides messaging (Rule 4(2)). */
    static PlatformProfile messagingPlatform(long registeredUsersInIndia) {
        return new PlatformProfile("ExampleChat", registeredUsersInIndia, true);
    }

    /**
     * A qualifying officer: an employee resident in India, contact details published, holding the role from
     * {@code from} to {@code to}; a Chief Compliance Officer is also key managerial personnel or a senior employee.
     */
    static OfficerAppointment officer(String id, OfficerRole role, String person, OffsetDateTime from,
                                      OffsetDateTime to) {
        return new OfficerAppointment(id, role, person, true, true, true, from, to,
                role == OfficerRole.CHIEF_COMPLIANCE_OFFICER ? Boolean.TRUE : null);
    }

    /** A qualifying officer (see above) in post from {@code from} and still. */
    static OfficerAppointment officer(String id, OfficerRole role, String person, OffsetDateTime from) {
        return officer(id, role, person, from, null);
    }

    // ---- evaluation ----

    static Report evaluate(OffsetDateTime asOf, CaseEvent... events) {
        return evaluate(new Evidence(null, List.of(), List.of(events)), asOf);
    }

    static Report evaluate(Evidence evidence, OffsetDateTime asOf) {
        return ENGINE.evaluate(evidence, asOf);
    }

    /** The events with a platform profile, the period taken from the earliest event. */
    static Evidence evidence(PlatformProfile platform, CaseEvent... events) {
        return new Evidence(platform, List.of(), List.of(events));
    }

    /**
     * The obligations a live monitor holds too: all but the standing duties an audit judges over its period
     * ({@code key@period}), whose stretches a monitor reports as transitions when they begin and end instead.
     */
    static List<Obligation> live(List<Obligation> obligations) {
        return obligations.stream().filter(o -> !o.id().endsWith(Obligation.OVER_PERIOD)).toList();
    }

    /** The obligation with this id; fails, showing the report, if there is none. */
    static Obligation obligationById(Report report, String id) {
        List<Obligation> found = report.obligations().stream().filter(o -> o.id().equals(id)).toList();
        assertThat(found).as("obligation %s in %s", id, report.obligations()).hasSize(1);
        return found.get(0);
    }

    /** The obligations of the duty, in report order. */
    static List<Obligation> obligations(Report report, String duty) {
        return report.obligations().stream().filter(o -> o.duty().equals(duty)).toList();
    }

    /** The findings with the code in the case. */
    static List<Finding> findings(Report report, String code, String caseId) {
        return report.findings().stream()
                .filter(f -> f.code().equals(code) && caseId.equals(f.caseId())).toList();
    }

    /** The one obligation of the duty in the case; fails, showing the report, if there is not exactly one. */
    static Obligation obligation(Report report, String duty, String caseId) {
        List<Obligation> found = report.forCase(caseId).stream().filter(o -> o.duty().equals(duty)).toList();
        assertThat(found).as("obligations '%s' in case %s of %s", duty, caseId, report.obligations()).hasSize(1);
        return found.get(0);
    }

    /** The one standing obligation of the platform with this key. */
    static Obligation standing(Report report, String key) {
        List<Obligation> found = report.obligations().stream()
                .filter(o -> o.caseId() == null && o.duty().equals(key)).toList();
        assertThat(found).as("standing obligations '%s' of %s", key, report.obligations()).hasSize(1);
        return found.get(0);
    }

    /** A one-line account of an obligation, for assertion descriptions. */
    static String explain(Obligation o) {
        return o.id() + " is " + o.status() + " (due " + o.dueAt() + "): " + o.explanation();
    }
}
