package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/streaming.md, "Time": the platform's standing checks lie on a grid of event time fixed by the options (whole
 * multiples of {@code --standing-check} from midnight, 1 January 1970, at {@code --offset}), and of the checks a
 * watermark passes at once the platform is evaluated only at those that say something new: what it reports does not
 * depend on how far each watermark moved, nor on where a restored task had last evaluated. The platform's operator
 * alone, with the bundled pack: a profile of a significant platform and the first and last events' instants.
 */
class StandingChecksTest {

    private static final long HOUR = 3_600_000L;
    private static final String FIRST = """
            {"type":"ComplaintReceived","id":"c-1","caseId":"GRV-1","at":"2026-03-02T10:17:30+05:30",\
            "category":"GENERAL"}""";
    private static final String LAST = """
            {"type":"ComplaintReceived","id":"c-2","caseId":"GRV-2","at":"2026-06-10T10:00:00+05:30",\
            "category":"GENERAL"}""";
    private static final long START = OffsetDateTime.parse("2026-03-02T10:17:30+05:30").toInstant().toEpochMilli();
    private static final long END = OffsetDateTime.parse("2026-06-10T10:00:00+05:30").toInstant().toEpochMilli();

    private static JobOptions options(String offset) {
        return JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order", "PT1M",
                "--standing-check", "PT1H", "--offset", offset);
    }

    @Test
    void a_new_months_report_duty_is_dated_at_the_months_end_a_check_of_the_grid() throws Exception {
        // The first event at 10:17:30: checks counted from an evaluation would fall at 17 minutes 30 past each hour.
        List<String> ist = run(options("+05:30"), new Random(0), 0, false);
        assertThat(ist).contains(
                "4(1)(d).monthly-report@month-end:2026-03#1:OPENED at 2026-04-01T00:00+05:30",
                "4(1)(d).monthly-report@month-end:2026-04#1:OPENED at 2026-05-01T00:00+05:30");
        // At offset Z the hourly grid is UTC's hours: the month's end, 18:30 UTC, is not one; the next check is. (A
        // later month's end is evaluated anyway: the month before's report falls due there, a month's grace.)
        List<String> utc = run(options("Z"), new Random(0), 0, false);
        assertThat(utc).contains("4(1)(d).monthly-report@month-end:2026-03#1:OPENED at 2026-03-31T19:00Z",
                "4(1)(d).monthly-report@month-end:2026-04#1:OPENED at 2026-04-30T18:30Z");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261207L, 20261208L, 20261209L, 20261210L})
    void what_the_platform_reports_depends_on_neither_the_watermarks_steps_nor_a_restore(long seed)
            throws Exception {
        JobOptions options = options("+05:30");
        // A watermark an hour at a time passes one check at each step: the platform is evaluated at every check.
        List<String> everyCheck = run(options, new Random(seed), 1, false);
        assertThat(everyCheck).as("the log gives the platform something to report")
                .anyMatch(t -> t.contains("monthly-report@month-end:2026-04#1:OPENED"));
        assertThat(run(options, new Random(seed), 0, false)).as("one jump to the end (seed %d)", seed)
                .isEqualTo(everyCheck);
        assertThat(run(options, new Random(seed), -1, false)).as("random steps (seed %d)", seed)
                .isEqualTo(everyCheck);
        assertThat(run(options, new Random(seed), -1, true)).as("random steps and restores (seed %d)", seed)
                .isEqualTo(everyCheck);
    }

    /**
     * The platform's operator given the profile and the marks of the first and last events, then watermarks from the
     * first event to the last: {@code hours} apart, one jump when 0, random steps of up to 40 days when negative (and
     * then, after some, the profile again, unchanged); with {@code restores}, after a random step it is snapshotted,
     * given a few more watermarks whose output is lost (a failure), and restored from the snapshot into a new
     * operator, which goes on with other steps. {@return the transitions written, each as its id and instant, sorted}
     */
    private static List<String> run(JobOptions options, Random random, int hours, boolean restores)
            throws Exception {
        List<Input> inputs = new ArrayList<>();
        LineParser parser = new LineParser(true, options.rules());
        for (String line : List.of(Jobs.PROFILE_LINE, FIRST, LAST)) {
            parser.parse("test", line, in -> {
                if (in.kind != Input.EVENT) {
                    inputs.add(in);
                }
            });
        }
        List<Output> written = new ArrayList<>();
        KeyedOneInputStreamOperatorTestHarness<String, Input, Output> platform = harness(options, null);
        for (Input in : inputs) {
            platform.processElement(in, Long.MIN_VALUE);
        }
        long watermark = START - 1;
        while (watermark < END) {
            long step = hours > 0 ? hours * HOUR : hours == 0 ? END - watermark
                    : 1 + (long) (random.nextDouble() * random.nextDouble() * 40 * 24 * HOUR);
            watermark = Math.min(END, watermark + step);
            platform.processWatermark(watermark);
            if (hours < 0 && random.nextInt(5) == 0) {
                // The profile again, unchanged: the platform is evaluated again at the watermark, which says nothing
                // new, and its checks stay where they were.
                platform.processElement(inputs.get(0), Long.MIN_VALUE);
            }
            if (restores && random.nextInt(4) == 0) {
                OperatorSubtaskState snapshot = platform.snapshot(0, 0);
                written.addAll(platform.extractOutputValues());
                long lost = watermark;
                for (int i = random.nextInt(3); i > 0; i--) {
                    lost = Math.min(END, lost + 1 + random.nextInt(30 * 24) * HOUR);
                    platform.processWatermark(lost);
                }
                platform.close();
                platform = harness(options, snapshot);
            }
        }
        platform.processWatermark(Long.MAX_VALUE);
        written.addAll(platform.extractOutputValues());
        platform.close();
        return written.stream().filter(o -> !o.json.contains("\"PENDING_AT_END\""))
                .map(o -> Json.DEFAULT.read(o.json, org.niyam.compliance.model.Transition.class))
                .map(t -> t.id() + " at " + t.at()).sorted().toList();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Input, Output> harness(JobOptions options,
            OperatorSubtaskState restored) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Input, Output> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlatformFunction(options)),
                        in -> "", Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }
}
