package org.niyam.compliance.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Status;

/**
 * A test of a rule pack that a compliance officer can read and write: the facts and events, an "as of" instant,
 * and the obligations and findings the law should give. Written in YAML or JSON (see {@code docs/writing-rules.md}):
 *
 * <pre>{@code
 * name: A removal order after the 2026 amendment has 3 hours
 * asOf: 2026-03-02T18:00:00+05:30
 * events:
 *   - {type: RemovalOrderReceived, id: order-1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, issuer: {kind: COURT}}
 *   - {type: ContentRemoved, id: removed-1, caseId: case-1, at: 2026-03-02T14:00:00+05:30}
 * expect:
 *   obligations:
 *     - {id: removal.on-order@order-1, status: MET_LATE, dueAt: 2026-03-02T13:00:00+05:30, lateness: PT1H}
 * }</pre>
 *
 * <p>An expectation names only the fields it cares about; the others are not compared. Run scenarios with a
 * {@link ScenarioRunner}, or one JUnit test per file with {@code org.niyam:compliance-junit}.
 *
 * @param source      the file it was read from, as errors and test names give it
 * @param name        what it shows, in a sentence; the file name when the file gives none
 * @param description more about it, or {@code null}
 * @param asOf        the instant the evaluation describes
 * @param evidence    the platform, appointments and events
 * @param expected    what the report must hold
 */
public record Scenario(String source, String name, String description, OffsetDateTime asOf, Evidence evidence,
                       Expected expected) {

    /**
     * Checks that every part but the description is given.
     *
     * @param source      the file it was read from, required
     * @param name        what it shows, required
     * @param description more about it, or {@code null}
     * @param asOf        the instant the evaluation describes, required
     * @param evidence    the platform, appointments and events, required
     * @param expected    what the report must hold, required
     * @throws NullPointerException if a required part is missing
     */
    public Scenario {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * Reads a scenario file: YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}).
     *
     * @param file the scenario file
     * @return the scenario, its events read as the class path's event types name them
     * @throws InputException naming the file, line and field of what is wrong
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Scenario load(Path file) {
        return ScenarioFiles.load(file);
    }

    /**
     * As {@link #load(Path)}, reading events as {@code types} names them, such as the engine's
     * ({@link ComplianceEngine#eventTypes()}); {@link #load(Path)} knows those the class path announces
     * ({@link EventTypes#onClasspath()}).
     *
     * @param file  the scenario file
     * @param types the registry whose names the events' {@code type} fields hold
     * @return the scenario
     * @throws InputException naming the file, line and field of what is wrong
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Scenario load(Path file, EventTypes types) {
        return ScenarioFiles.load(file, types);
    }

    /**
     * Reads a scenario from text; {@code source} names it in errors, and its extension picks the format (JSON for
     * {@code .json}, YAML otherwise).
     *
     * @param source names the scenario in errors, e.g. {@code removal/after-amendment.yaml}
     * @param text   the scenario, YAML or JSON
     * @return the scenario
     * @throws InputException naming the source, line and field of what is wrong
     */
    public static Scenario read(String source, String text) {
        return ScenarioFiles.read(source, text);
    }

    /**
     * As {@link #read(String, String)}, reading events as {@code types} names them.
     *
     * @param source names the scenario in errors; its extension picks the format
     * @param text   the scenario, YAML or JSON
     * @param types  the registry whose names the events' {@code type} fields hold
     * @return the scenario
     * @throws InputException naming the source, line and field of what is wrong
     */
    public static Scenario read(String source, String text, EventTypes types) {
        return ScenarioFiles.read(source, text, types);
    }

    /**
     * The scenario files below a folder, in path order: every {@code .yaml}, {@code .yml} and {@code .json} file
     * except {@code pack.yaml}, so a pack's scenarios may sit in its folder.
     *
     * @param folder the folder to search, with its subfolders
     * @return the files' paths, in path order
     * @throws IllegalArgumentException if there is no such folder
     * @throws java.io.UncheckedIOException if the folder cannot be listed
     * @throws InputException if a scenario file is a link to a file outside the folder, which is not read, as a
     *                        pack's DRL file through such a link is not
     */
    public static List<Path> filesIn(Path folder) {
        return ScenarioFiles.filesIn(folder);
    }

    /**
     * Reads every scenario file below a folder ({@link #filesIn}); the first broken one fails.
     *
     * @param folder the folder to search, with its subfolders
     * @return the scenarios, in path order
     * @throws InputException           naming the file, line and field of the first broken scenario
     * @throws IllegalArgumentException if there is no such folder
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static List<Scenario> loadAll(Path folder) {
        return filesIn(folder).stream().map(Scenario::load).toList();
    }

    /**
     * As {@link #loadAll(Path)}, reading events as {@code types} names them.
     *
     * @param folder the folder to search, with its subfolders
     * @param types  the registry whose names the events' {@code type} fields hold, such as the engine's
     * @return the scenarios, in path order
     * @throws InputException           naming the file, line and field of the first broken scenario
     * @throws IllegalArgumentException if there is no such folder
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static List<Scenario> loadAll(Path folder, EventTypes types) {
        return filesIn(folder).stream().map(file -> load(file, types)).toList();
    }

    /**
     * What the report must hold.
     *
     * @param obligations    obligations that must be in it, each with the field values given
     * @param findings       findings that must be in it
     * @param absent         ids of obligations that must not arise
     * @param absentFindings codes of findings that must not be raised
     * @param exhaustive     when true, the report holds nothing beyond the obligations and findings listed
     */
    public record Expected(List<ExpectedObligation> obligations, List<ExpectedFinding> findings, List<String> absent,
                           List<String> absentFindings, boolean exhaustive) {

        /**
         * Copies the lists.
         *
         * @param obligations    obligations that must be in the report, or {@code null} for none
         * @param findings       findings that must be in it, or {@code null} for none
         * @param absent         obligation ids that must not arise, or {@code null} for none
         * @param absentFindings finding codes that must not be raised, or {@code null} for none
         * @param exhaustive     whether the report holds nothing beyond what is listed
         * @throws IllegalArgumentException if a list has an empty entry
         */
        public Expected {
            obligations = copy(obligations, "obligations");
            findings = copy(findings, "findings");
            absent = copy(absent, "absent");
            absentFindings = copy(absentFindings, "absentFindings");
        }
    }

    /**
     * An obligation the report must hold. {@code id} finds it; every other field given must match, and fields left
     * out are not compared. Instants match when they are the same instant, whatever their offset.
     *
     * @param id                  the obligation's id, e.g. {@code removal.on-order@order-1}; required
     * @param duty                the duty key, or {@code null} not to compare it
     * @param what                what the law asks, or {@code null}
     * @param caseId              the case, or {@code null}
     * @param triggeredAt         when the clock started, or {@code null}
     * @param dueAt               the due instant, or {@code null}
     * @param status              where it stands, or {@code null}
     * @param citation            the parts of the citation to check, or {@code null}
     * @param triggerEventId      the event that started the clock, or {@code null}
     * @param dischargeEventId    the event that discharged it, or {@code null}
     * @param dischargedAt        when it was discharged, or {@code null}
     * @param lateness            how late the discharge came, or {@code null}
     * @param explanationContains text the obligation's explanation must contain
     */
    public record ExpectedObligation(String id, String duty, String what, String caseId, OffsetDateTime triggeredAt,
                                     OffsetDateTime dueAt, Status status, ExpectedCitation citation,
                                     String triggerEventId, String dischargeEventId, OffsetDateTime dischargedAt,
                                     Duration lateness, String explanationContains) {

        /**
         * Checks that the id is given.
         *
         * @param id                  the obligation's id, required
         * @param duty                the duty key, or {@code null}
         * @param what                what the law asks, or {@code null}
         * @param caseId              the case, or {@code null}
         * @param triggeredAt         when the clock started, or {@code null}
         * @param dueAt               the due instant, or {@code null}
         * @param status              where it stands, or {@code null}
         * @param citation            the citation's parts, or {@code null}
         * @param triggerEventId      the triggering event, or {@code null}
         * @param dischargeEventId    the discharging event, or {@code null}
         * @param dischargedAt        when it was discharged, or {@code null}
         * @param lateness            how late, or {@code null}
         * @param explanationContains text of the explanation, or {@code null}
         * @throws IllegalArgumentException if the id is missing or blank
         */
        public ExpectedObligation {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("ExpectedObligation.id is required: the obligation's id, e.g. "
                        + "removal.on-order@order-1 (duty key @ triggering event id), or the duty key of a standing duty");
            }
        }
    }

    /**
     * A finding the report must hold. {@code code}, and {@code caseId} when given, find it; every other field
     * given must match.
     *
     * @param code            the code the rule gives the finding, e.g. {@code defective-intimation}; required
     * @param caseId          the case, or {@code null} for any
     * @param message         the whole message, or {@code null} not to compare it
     * @param messageContains text the finding's message must contain
     * @param evidence        the finding's evidence ids, in any order
     * @param citation        the parts of the citation to check, or {@code null}
     */
    public record ExpectedFinding(String code, String caseId, String message, String messageContains,
                                  List<String> evidence, ExpectedCitation citation) {

        /**
         * Checks that the code is given, and copies the evidence.
         *
         * @param code            the finding's code, required
         * @param caseId          the case, or {@code null}
         * @param message         the whole message, or {@code null}
         * @param messageContains text of the message, or {@code null}
         * @param evidence        the evidence ids, or {@code null} not to compare them; copied
         * @param citation        the citation's parts, or {@code null}
         * @throws IllegalArgumentException if the code is missing or blank
         */
        public ExpectedFinding {
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("ExpectedFinding.code is required: the code the rule gives the "
                        + "finding, e.g. defective-intimation");
            }
            evidence = evidence == null ? null : List.copyOf(evidence);
        }
    }

    /**
     * The parts of a citation a scenario checks; parts left out ({@code null}) are not compared.
     *
     * @param instrument the legal instrument, or {@code null}
     * @param clause     the clause, e.g. {@code Rule 3(1)(d)}, or {@code null}
     * @param version    the version of the instrument, or {@code null}
     * @param ruleId     the id of the rule that raised it, or {@code null}
     */
    public record ExpectedCitation(String instrument, String clause, String version, String ruleId) {
    }

    private static <T> List<T> copy(List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        if (list.contains(null)) {
            throw new IllegalArgumentException("Expected." + field + " has an empty entry");
        }
        return List.copyOf(list);
    }
}
