package org.opencli.service.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OclirdArgumentsTest {

    @Test
    void mapsFlagsToProperties() {
        Map<String, String> props = OclirdArguments.toProperties(new String[] {
                "--config", "a/.cli.json", "--addr", "0.0.0.0:8765", "--instance-id=ci", "--state-dir", "/tmp/s",
                "--audit-path", "/tmp/a.log", "--runtime-mode", "remote"});
        assertThat(props).containsEntry("oclird.config", "a/.cli.json")
                .containsEntry("quarkus.http.host", "0.0.0.0")
                .containsEntry("quarkus.http.port", "8765")
                .containsEntry("oclird.instance-id", "ci")
                .containsEntry("oclird.state-dir", "/tmp/s")
                .containsEntry("oclird.audit-path", "/tmp/a.log")
                .containsEntry("oclird.runtime-mode", "remote");
    }

    @Test
    void mapsShutdownTimeoutAndTheUnauthenticatedRemoteOptIn() {
        assertThat(OclirdArguments.toProperties(new String[] {"--shutdown-timeout", "45s", "--allow-unauthenticated-remote"}))
                .containsEntry("oclird.shutdown-timeout", "45s")
                .containsEntry("quarkus.shutdown.timeout", "55000ms")
                .containsEntry("oclird.allow-unauthenticated-remote", "true");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--shutdown-timeout", "2h"}))
                .hasMessageContaining("--shutdown-timeout: '2h' is not valid");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--shutdown-timeout", "61m"}))
                .hasMessageContaining("up to 60m");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--allow-unauthenticated-remote=yes"}))
                .hasMessageContaining("takes no value");
    }

    @Test
    void mapsManagedAndCacheDir() {
        assertThat(OclirdArguments.toProperties(new String[] {"--managed", "--cache-dir", "/tmp/c"}))
                .containsEntry("oclird.managed", "true").containsEntry("oclird.cache-dir", "/tmp/c");
        assertThat(OclirdArguments.toProperties(new String[] {"--cache-dir=/tmp/d"})).containsEntry("oclird.cache-dir", "/tmp/d");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--managed=yes"}))
                .hasMessageContaining("--managed takes no value");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--cache-dir"}))
                .hasMessageContaining("needs a value");
        assertThat(OclirdArguments.USAGE).contains("--managed").contains("--cache-dir DIR");
    }

    @Test
    void acceptsBracketedIpv6Hosts() {
        assertThat(OclirdArguments.toProperties(new String[] {"--addr", "[::1]:0"}))
                .containsEntry("quarkus.http.host", "::1").containsEntry("quarkus.http.port", "0");
    }

    @Test
    void refusesBadAddressesAndUnknownFlagsWithWhatWasExpected() {
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--addr", "localhost"}))
                .hasMessageContaining("expected HOST:PORT");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--addr", "h:99999"}))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--colour"}))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--config"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--runtime-mode", "cloud"}))
                .hasMessageContaining("expected local or remote");
    }

    @Test
    void fileCheckIntervalTakesAWholeNumberWithAUnitOrZero() {
        assertThat(OclirdArguments.toProperties(new String[] {"--file-check-interval", "500ms"}))
                .containsEntry("oclird.file-check-interval", "500ms");
        assertThat(OclirdArguments.toProperties(new String[] {"--file-check-interval=0"}))
                .containsEntry("oclird.file-check-interval", "0s");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--file-check-interval", "1.5s"}))
                .hasMessageContaining("--file-check-interval: '1.5s' is not valid").hasMessageContaining("500ms or 1s");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--file-check-interval", "-1s"}))
                .hasMessageContaining("'-1s' is not valid");
        assertThatThrownBy(() -> OclirdArguments.toProperties(new String[] {"--file-check-interval"}))
                .hasMessageContaining("needs a value");
    }
}
