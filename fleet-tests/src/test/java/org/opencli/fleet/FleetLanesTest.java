package org.opencli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every CI-safe lane of the matrix through the same harness as {@code make fleet}, against the
 * launchers built earlier in this reactor run; the rubric lists the failed checks.
 */
class FleetLanesTest {

    @TestFactory
    Stream<DynamicTest> lanes() throws Exception {
        Path root = Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize();
        // -Docli.fleet.lanes=a,b narrows the run while iterating; by default every CI-safe lane runs
        List<String> only = Arrays.stream(System.getProperty("ocli.fleet.lanes", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<LaneSpec> lanes = Matrix.read(root).stream().filter(LaneSpec::ciSafe)
                .filter(spec -> only.isEmpty() || only.contains(spec.lane())).toList();
        assertThat(lanes).isNotEmpty();
        return lanes.stream().map(spec -> DynamicTest.dynamicTest(spec.lane(), () -> {
            LaneResult result = FleetRunner.run(root, spec);
            assertThat(result.checks().stream().filter(c -> !c.pass()).toList())
                    .as("failed checks of lane %s (see target/fleet/%s/transcript.log)", spec.lane(), spec.lane())
                    .isEmpty();
            assertThat(result.pass()).isTrue();
        }));
    }
}
