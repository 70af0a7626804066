package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;

/** A runtime answering with a redirect: ocli does not follow it, so a bearer token never goes where it points. */
class RedirectNotFollowedTest {
    @TempDir
    Path dir;
    private HttpServer redirecting;
    private HttpServer target;

    @AfterEach
    void stop() {
        if (redirecting != null) redirecting.stop(0);
        if (target != null) target.stop(0);
    }

    @Test
    void aRedirectIsExit8NamingWhereItPointsAndNothingIsSentThere() throws Exception {
        AtomicInteger reachedTarget = new AtomicInteger();
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", ex -> {
            reachedTarget.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        target.start();
        String elsewhere = "http://127.0.0.1:" + target.getAddress().getPort() + "/v1/catalog/effective";
        redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", ex -> {
            ex.getResponseHeaders().set("Location", elsewhere);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        redirecting.start();

        CliResult result = new CliRunner(Map.of("OCLI_TOKEN", "tok-must-stay"), dir).run("--runtime",
                "http://127.0.0.1:" + redirecting.getAddress().getPort(), "--state-dir", dir.resolve("state").toString(),
                "catalog", "list");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("answered HTTP 302 to " + elsewhere).contains("does not follow redirects");
        assertThat(reachedTarget.get()).as("requests at the redirect's target").isZero();
    }
}
