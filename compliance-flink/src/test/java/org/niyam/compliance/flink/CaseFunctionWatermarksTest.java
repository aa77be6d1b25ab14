package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * The cases' operator gives the same output whatever the cadence of watermarks: here, a watermark after every line
 * (as a loaded or throttled source gives them) against none before the end of the input (as a fast one does), on the
 * example log of the 2026 amendment with cases leaving state as soon as they end. Watermarks are given by hand, so
 * the test does not depend on when Flink's periodic watermarks come.
 */
class CaseFunctionWatermarksTest {

    static final Duration BOUND = Duration.ofHours(2);

    @Test
    void the_output_does_not_depend_on_when_watermarks_come() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "logs", "amendment-2026.jsonl"));
        JobOptions options = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId(),
                "--retain-ended", "PT0S");
        List<String> once = run(lines, options, false);
        List<String> everyLine = run(lines, options, true);
        assertThat(once).as("the log gives the cases something to report").isNotEmpty();
        assertThat(everyLine).as("a watermark after every line, against one at the end")
                .containsExactlyElementsOf(once);
    }

    /** The cases' outputs, sorted, for the lines parsed in order; watermarks as a bounded out-of-order source. */
    static List<String> run(List<String> lines, JobOptions options, boolean watermarkEveryLine) throws Exception {
        List<Input> inputs = new ArrayList<>();
        LineParser parser = new LineParser(true);
        for (String line : lines) {
            parser.parse("test", line, inputs::add);
        }
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CaseFunction(options),
                             i -> i.caseId, Types.STRING, CaseFunction.CONTEXT)) {
            long latest = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (Input in : inputs) {
                if (in.kind == Input.EVENT) {
                    harness.processElement(in, in.at);
                    latest = Math.max(latest, in.at);
                } else {
                    harness.processBroadcastElement(in, Long.MIN_VALUE);
                }
                long next = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - BOUND.toMillis() - 1;
                if (watermarkEveryLine && next > watermark) {
                    watermark = next;
                    harness.processWatermark(watermark);
                    harness.processBroadcastWatermark(watermark);
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            harness.processBroadcastWatermark(Long.MAX_VALUE);
            return new TreeSet<>(harness.extractOutputValues().stream().map(o -> o.id).toList()).stream().toList();
        }
    }
}
