package org.opencli.fleet;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * A port the kernel just handed out as free, for a process that must be told its port up front
 * (nginx's config, a pod's hostPort) rather than choosing one and reporting it.
 */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
