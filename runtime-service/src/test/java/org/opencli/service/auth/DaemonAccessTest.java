package org.opencli.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DaemonAccessTest {

    @Test
    void aLoopbackDaemonWithoutAuthNeedsItsOwnersKeyAndMayServeOtherConfigs() {
        DaemonAccess access = DaemonAccess.decide(false, "127.0.0.1", false);
        assertThat(access.mode()).isEqualTo(DaemonAccess.Mode.OWNER_KEY);
        assertThat(access.requiresOwnerKey()).isTrue();
        assertThat(access.pinsConfig()).isFalse();
        assertThat(access.clientKey()).matches("[A-Za-z0-9_-]{43}");
        assertThat(DaemonAccess.decide(false, "::1", false).mode()).isEqualTo(DaemonAccess.Mode.OWNER_KEY);
        assertThat(DaemonAccess.decide(false, "localhost", false).mode()).isEqualTo(DaemonAccess.Mode.OWNER_KEY);
    }

    @Test
    void eachStartHasItsOwnKeyComparedExactly() {
        DaemonAccess a = DaemonAccess.decide(false, "127.0.0.1", false);
        DaemonAccess b = DaemonAccess.decide(false, "127.0.0.1", false);
        assertThat(a.clientKey()).isNotEqualTo(b.clientKey());
        assertThat(a.acceptsKey(a.clientKey())).isTrue();
        assertThat(a.acceptsKey(b.clientKey())).isFalse();
        assertThat(a.acceptsKey(a.clientKey().substring(1))).isFalse();
        assertThat(a.acceptsKey(null)).isFalse();
        assertThat(a.toString()).doesNotContain(a.clientKey());
    }

    @Test
    void aNetworkAddressWithoutAuthRefusesToStartUnlessAllowedAndThenPinsItsConfig() {
        assertThatThrownBy(() -> DaemonAccess.decide(false, "0.0.0.0", false))
                .isInstanceOf(DaemonAccess.Refused.class)
                .hasMessageContaining("--addr 0.0.0.0 is not a loopback address")
                .hasMessageContaining("--allow-unauthenticated-remote");
        DaemonAccess open = DaemonAccess.decide(false, "0.0.0.0", true);
        assertThat(open.mode()).isEqualTo(DaemonAccess.Mode.OPEN_PINNED);
        assertThat(open.pinsConfig()).isTrue();
        assertThat(open.clientKey()).isNull();
        assertThat(open.acceptsKey("anything")).isFalse();
    }

    @Test
    void runtimeAuthIsUnchangedOnAnyAddress() {
        DaemonAccess auth = DaemonAccess.decide(true, "0.0.0.0", false);
        assertThat(auth.mode()).isEqualTo(DaemonAccess.Mode.RUNTIME_AUTH);
        assertThat(auth.pinsConfig()).isTrue();
        assertThat(auth.requiresOwnerKey()).isFalse();
    }
}
