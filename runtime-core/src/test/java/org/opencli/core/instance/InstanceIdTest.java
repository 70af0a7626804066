package org.opencli.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstanceIdTest {

    @Test
    void explicitIdWinsAndIsSlugified() {
        assertThat(InstanceId.resolve("My Team/Prod", "env-id", Path.of("/x/.cli.json"))).isEqualTo("my-team-prod");
    }

    @Test
    void environmentComesNext() {
        assertThat(InstanceId.resolve(null, "CI_Runner", Path.of("/x/.cli.json"))).isEqualTo("ci-runner");
        assertThat(InstanceId.resolve(" ", "ci", null)).isEqualTo("ci");
    }

    @Test
    void configPathGivesParentNamePlusTenHexOfItsHash() {
        String id = InstanceId.resolve(null, null, Path.of("/srv/Billing API/.cli.json"));
        assertThat(id).matches("billing-api-[0-9a-f]{10}");
        assertThat(id).endsWith(InstanceId.sha256Hex("/srv/Billing API/.cli.json").substring(0, 10));
        assertThat(InstanceId.resolve(null, null, Path.of("/srv/other/.cli.json"))).isNotEqualTo(id);
    }

    @Test
    void defaultWhenNothingIsKnown() {
        assertThat(InstanceId.resolve(null, null, null)).isEqualTo("default");
        assertThat(InstanceId.slug("///")).isEqualTo("default");
    }
}
