package org.opencli.fleet.upstream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link TestUpstream} on an ephemeral port for each test, with a client for it; stopped after. */
abstract class RunningUpstream {
    TestUpstream upstream;
    UpstreamClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = TestUpstream.start(0);
        client = new UpstreamClient(upstream);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }
}
