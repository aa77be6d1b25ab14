package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.rules.india.GeneratedLogs;

/** The job keeps the platform's profiles as the monitor does, and reads the state of a job that kept one. */
class ProfilesTest {

    private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-15T00:00+05:30");
    private static final OffsetDateTime APRIL = OffsetDateTime.parse("2026-04-10T00:00+05:30");
    private static final PlatformProfile SMALL = new PlatformProfile("ExampleNet", 3_000_000, false, true);
    private static final PlatformProfile LARGE = new PlatformProfile("ExampleNet", 8_000_000, false, true).from(MARCH);
    private static final PlatformProfile LARGER = new PlatformProfile("ExampleNet", 9_000_000, false, true)
            .from(MARCH);
    private static final PlatformProfile SMALL_AGAIN = new PlatformProfile("ExampleNet", 3_000_000, false, true)
            .from(APRIL);

    @Test
    void profiles_given_in_turn_make_the_history_the_monitor_makes() {
        List<List<Platform>> sequences = List.of(
                List.of(SMALL, LARGE),
                List.of(LARGE, SMALL),
                List.of(SMALL, LARGE, SMALL_AGAIN, LARGER),
                List.of(SMALL_AGAIN, LARGE, SMALL, LARGE),
                List.of(SMALL, SMALL_AGAIN, LARGE));
        for (List<Platform> sequence : sequences) {
            List<Platform> kept = List.of();
            List<Platform> monitors;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(GeneratedLogs.engine())
                    .clock(MonitorClock.eventTime()).outOfOrder(Duration.ZERO).build()) {
                for (Platform profile : sequence) {
                    kept = Platform.joined(kept, profile);
                    monitor.platform(profile);
                }
                monitors = monitor.profiles();
            }
            assertThat(Platform.history(kept)).as("%s", sequence).isEqualTo(monitors);
            assertThat(Profiles.read(Profiles.text(kept))).as("read back").isEqualTo(kept);
        }
    }

    @Test
    void an_undated_profile_replaces_the_history_a_dated_one_joins_it() {
        List<Platform> kept = Platform.joined(Platform.joined(List.<Platform>of(), SMALL), LARGE);
        assertThat(kept).containsExactly(SMALL, LARGE);
        assertThat(Platform.joined(kept, LARGER)).as("the same 'from': replaced").containsExactly(SMALL, LARGER);
        assertThat(Platform.joined(kept, SMALL)).containsExactly(SMALL);
    }

    @Test
    void a_profile_that_runs_past_the_next_one_is_refused() {
        PlatformProfile bounded = new PlatformProfile("ExampleNet", 3_000_000, false, true, MARCH.minusDays(10),
                APRIL);
        assertThatThrownBy(() -> Platform.joined(List.<Platform>of(LARGE), bounded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the next one's 'from'");
    }

    @Test
    void the_platforms_state_of_a_job_that_kept_one_profile_is_read_as_a_history_of_one() throws Exception {
        PlatformFunction.Kept now = new PlatformFunction.Kept(null, List.of(SMALL), Map.of(),
                CaseTracker.State.empty(""), Map.of(), null, List.of(), null, null, false);
        ObjectNode before = (ObjectNode) Json.DEFAULT.mapper.readTree(Json.DEFAULT.bytes(now));
        ObjectNode old = Json.DEFAULT.mapper.valueToTree(SMALL);
        assertThat(old.get("type").asText()).isEqualTo("PlatformProfile");
        old.remove("type"); // as a job wrote it before profiles were a pack's records
        before.set("platform", old);
        before.remove("profiles");
        PlatformFunction.Kept read = Json.DEFAULT.read(Json.DEFAULT.mapper.writeValueAsBytes(before), PlatformFunction.Kept.class);
        assertThat(read.profiles()).containsExactly(SMALL);
        assertThat(read.platform()).isNull();
        assertThat(new ArrayList<>(read.profiles())).isEqualTo(now.profiles());
    }
}
