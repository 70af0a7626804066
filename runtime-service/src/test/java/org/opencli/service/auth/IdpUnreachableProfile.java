package org.opencli.service.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/** {@link AuthWorld} whose config names a JWKS endpoint on a loopback port nothing listens on. */
public class IdpUnreachableProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuthWorld.class,
                Map.of(AuthWorld.JWKS_URL, "http://127.0.0.1:" + closedPort() + "/realms/corp/certs"), true));
    }

    /** A port the system just handed out and that is closed again. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
