package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.model.Discharge;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.pack.Parameter;
import org.niyam.compliance.pack.RulePack;

/**
 * The kernel's fast path (lengths, versions and "as of" worked out once, instants compared as epoch seconds) gives
 * exactly the obligation and citation of the plain path, for duties to act and to keep started around a clock's
 * amendment, under several offsets, with and without discharges, as of instants before, at and after the due
 * instant. Fixed seeds, printed in each failure. Both paths call one method for a duty to act's verdict, so what this
 * compares is what each works out before it (due instant, lengths, versions, citations) and the periodic path; the
 * verdict's epoch-second arithmetic is held to the plain-Java checker by {@code BenchmarkSmokeTest}.
 */
class LifecycleFastPathTest {

    private static final RuleBase RULES = RuleBase.build(List.of(RulePack.classpath("packs/clock")),
            new RuleBase.Options(Map.of(), Set.of(), false));
    private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(-8), ZoneOffset.ofHoursMinutes(5, 45)};
    /** The clock pack's amendment and its first version: the instants where lengths and versions change. */
    private static final OffsetDateTime[] AROUND = {OffsetDateTime.parse("2026-02-20T00:00:00+05:30"),
            OffsetDateTime.parse("2020-01-01T00:00:00+05:30")};

    private static OffsetDateTime near(Random random, OffsetDateTime anchor) {
        long seconds = (random.nextInt(41) - 20) * 1_800L + (random.nextInt(5) == 0 ? random.nextInt(3) - 1 : 0);
        int nanos = random.nextInt(4) == 0 ? random.nextInt(3) * 250_000_000 : 0;
        return anchor.plusSeconds(seconds).plusNanos(nanos)
                .withOffsetSameInstant(OFFSETS[random.nextInt(OFFSETS.length)]);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 20260220, -5})
    void gives_the_plain_paths_obligations_and_citations(long seed) {
        Random random = new Random(seed);
        List<Lifecycle> lifecycles = List.of(new Lifecycle(RULES, 0.25, null), new Lifecycle(RULES, 0, null),
                new Lifecycle(RULES, 0.25, Duration.ofMinutes(30)));
        List<String> clocks = RULES.parameters().values().stream()
                .filter(p -> p.type() == Parameter.Type.DURATION).map(Parameter::name).sorted().toList();
        List<RuleBase.RuleInfo> rules = RULES.rules().values().stream()
                .sorted(java.util.Comparator.comparing(RuleBase.RuleInfo::id)).toList();
        int checked = 0;
        for (int i = 0; i < 6_000; i++) {
            OffsetDateTime start = near(random, AROUND[random.nextInt(AROUND.length)]);
            Duty.Kind kind = random.nextBoolean() ? Duty.Kind.ACT_BY : Duty.Kind.KEEP_UNTIL;
            Duty duty = new Duty("k" + random.nextInt(3), "Do it", clocks.get(random.nextInt(clocks.size())), "c1",
                    "e" + i, start, kind, random.nextInt(4) == 0 ? "Checked the order." : null);
            List<Discharge> discharges = new ArrayList<>();
            for (int d = random.nextInt(3); d > 0; d--) {
                discharges.add(new Discharge(duty.obligationId(), "d" + random.nextInt(2),
                        start.plusSeconds((random.nextInt(61) - 5) * 1_800L + random.nextInt(2))
                                .withOffsetSameInstant(OFFSETS[random.nextInt(OFFSETS.length)])));
            }
            OffsetDateTime asOf = start.plusSeconds((random.nextInt(81) - 5) * 1_800L)
                    .withOffsetSameInstant(OFFSETS[random.nextInt(OFFSETS.length)]);
            RuleBase.RuleInfo rule = rules.get(random.nextInt(rules.size()));
            Lifecycle lifecycle = lifecycles.get(random.nextInt(lifecycles.size()));
            Obligation fast = lifecycle.timeBound(duty, duty.obligationId(), rule, discharges, asOf);
            Obligation plain = lifecycle.plainTimeBound(duty, rule, discharges, asOf);
            assertThat(fast).as("duty %s, discharges %s, as of %s, rule %s (seed %d, case %d)", duty, discharges,
                    asOf, rule.id(), seed, i).isEqualTo(plain);
            assertThat(lifecycle.citation(rule, asOf)).as("citation at %s (seed %d)", asOf, seed)
                    .isEqualTo(lifecycle.plainCitation(rule, asOf));
            checked++;
        }
        assertThat(checked).isEqualTo(6_000);
    }
}
