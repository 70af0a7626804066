package org.opencli.core.auth;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opencli.core.discovery.MutableClock;
import org.opencli.core.discovery.TestHttpServer;

/** What every oidc_jwks test starts from: two signing keys, their JWKS on loopback and a settable clock. */
abstract class JwksOnLoopback {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final TestKeys keys = new TestKeys("rsa-1", "ec-1");
    TestHttpServer idp;

    @BeforeEach
    void startIdp() throws Exception {
        idp = new TestHttpServer();
        idp.route("/jwks", TestHttpServer.Reply.ok(TestKeys.jwks(keys.rsa, keys.ec)));
    }

    @AfterEach
    void stopIdp() {
        idp.close();
    }
}
