package org.niyam.compliance.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/**
 * The events one month's Rule 4(1)(d) figures are counted from, read in two streamed passes instead of holding the
 * logs: the first keeps the month's complaints, resolutions, orders and removals (and lists rejected entries on
 * standard error as it goes, through {@link RejectedEntries}); the second, only if the month acted on cases, keeps
 * the complaints and orders of those cases from any month, which say what the action answered. Memory holds a
 * month's events, not the logs'.
 *
 * <p>An event id given twice counts once, and other content under a used id is rejected, among the events kept; an
 * id reused by events the figures do not read is not looked for, so {@code duplicates} counts the kept events'.
 *
 * @param events   what {@link MonthlyFigures#of} needs, each once
 * @param input    what was read
 * @param rejected the entries rejected, in input order
 */
record MonthScan(Platform platform, List<CaseEvent> events, CaseLogs.Input input,
                 List<InputException> rejected) {

    static MonthScan of(List<Path> files, boolean strict, YearMonth month, RejectedEntries listed,
                        Progress progress) {
        Instant from = month.atDay(1).atStartOfDay().atOffset(MonthlyFigures.IST).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(MonthlyFigures.IST).toInstant();
        First first = new First(from, to, listed);
        CaseLogReader reader = (strict ? CaseLogReader.strict() : CaseLogReader.lenient())
                .withThreads(Runtime.getRuntime().availableProcessors()).withProgress(progress::entriesRead);
        progress.reading(files);
        long entries = 0;
        for (Path file : files) {
            entries += reader.scan(file, first);
        }
        if (!first.casesActedOn.isEmpty()) {
            Triggers second = new Triggers(first);
            CaseLogReader quiet = CaseLogReader.lenient().withThreads(Runtime.getRuntime().availableProcessors());
            for (Path file : files) {
                quiet.scan(file, second);
            }
        }
        progress.readEntries(entries, first.rejected.size());
        CaseLogs.Input input = new CaseLogs.Input(entries, first.profiles.size(), first.facts.size(),
                first.events - first.eventDuplicates, first.duplicates, first.replaced, first.rejected.size());
        // The profile the month's figures are shown with: the one in force at the month's end, else the last in it.
        List<Platform> history = Platform.history(first.profiles);
        Platform platform = Platform.inForce(history, to.minusNanos(1).atOffset(MonthlyFigures.IST));
        for (Platform profile : history) {
            if (platform == null && profile.heldDuring(from.atOffset(MonthlyFigures.IST), to.atOffset(MonthlyFigures.IST))) {
                platform = profile;
            }
        }
        if (platform == null && !history.isEmpty()) {
            platform = history.get(history.size() - 1);
        }
        return new MonthScan(platform, List.copyOf(first.kept.values()), input, List.copyOf(first.rejected));
    }

    /** The first pass. */
    private static final class First implements CaseLogReader.EntryHandler {
        private final Instant from;
        private final Instant to;
        private final RejectedEntries listed;
        final List<Platform> profiles = new ArrayList<>();
        final Map<List<Object>, StandingFact> facts = new LinkedHashMap<>();
        final Map<String, CaseEvent> kept = new LinkedHashMap<>();
        final Map<String, String> keptAt = new LinkedHashMap<>();
        final Set<String> casesActedOn = new HashSet<>();
        final List<InputException> rejected = new ArrayList<>();
        long events;
        /** Entries given again with the same content: events, profiles and standing facts. */
        long duplicates;
        /** Of those, events: not counted again among the events read. */
        long eventDuplicates;
        /** Standing-fact lines that replaced one before of the same type and id: the last read is the fact. */
        long replaced;

        First(Instant from, Instant to, RejectedEntries listed) {
            this.from = from;
            this.to = to;
            this.listed = listed;
        }

        @Override
        public void platform(String source, int line, Platform profile) {
            if (profiles.contains(profile)) {
                duplicates++;
                return;
            }
            List<Platform> candidate = new ArrayList<>(profiles);
            candidate.add(profile);
            try {
                Platform.history(candidate);
            } catch (IllegalArgumentException e) {
                rejected(new InputException(source, line, "from", e.getMessage(), null));
                return;
            }
            profiles.add(profile);
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            StandingFact before = facts.put(List.of(fact.getClass(), fact.id()), fact);
            if (before != null && before.equals(fact)) {
                duplicates++;
            } else if (before != null) {
                replaced++;
            }
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            events++;
            Instant at = event.at().toInstant();
            boolean counted = event instanceof ComplaintReceived || event instanceof ComplaintResolved
                    || event instanceof RemovalOrderReceived || event instanceof ContentRemoved;
            if (!counted || at.isBefore(from) || !at.isBefore(to)) {
                return;
            }
            keep(event, source + ":" + line, source, line);
            if (event instanceof ComplaintResolved || event instanceof ContentRemoved) {
                casesActedOn.add(event.caseId());
            }
        }

        /** Keeps the first event under an id; the same again is a duplicate, other content is rejected. */
        boolean keep(CaseEvent event, String at, String source, int line) {
            CaseEvent twin = kept.get(event.id());
            if (twin == null) {
                kept.put(event.id(), event);
                keptAt.put(event.id(), at);
                return true;
            }
            if (twin.equals(event)) {
                duplicates++;
                eventDuplicates++;
            } else if (source != null) {
                rejected(new InputException(source, line, "id", "event id '" + event.id() + "' was already used at "
                        + keptAt.get(event.id()) + " for different content; the first is kept", null));
            }
            return false;
        }

        @Override
        public void rejected(InputException error) {
            rejected.add(error);
            listed.add(error);
        }
    }

    /** The second pass: the complaints and orders of the cases the month acted on. */
    private record Triggers(First first) implements CaseLogReader.EntryHandler {

        @Override
        public void platform(String source, int line, Platform profile) {
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            if ((event instanceof ComplaintReceived || event instanceof RemovalOrderReceived)
                    && first.casesActedOn.contains(event.caseId()) && !first.kept.containsKey(event.id())) {
                first.kept.put(event.id(), event);
            }
        }

        @Override
        public void rejected(InputException error) {
        }
    }
}
