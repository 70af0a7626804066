package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP API for fleet lanes and tests to execute operations against: tickets CRUD,
 * every auth scheme, an OAuth2 token endpoint, 429/503 sequences, non-JSON bodies, a slow endpoint,
 * an echo, and a request log. Described by fleet-tests/fixtures/upstream/upstream.openapi.yaml.
 * Binds 127.0.0.1 unless started with {@code --bind}. In-process: {@code try (TestUpstream up = TestUpstream.start(0)) {...}};
 * as a process: {@code java -cp ... org.opencli.fleet.upstream.TestUpstream --port 0}.
 */
public final class TestUpstream implements AutoCloseable {
    static final int THREADS = 64;
    public static final String LISTENING = "test-upstream listening on ";

    private final HttpServer server;
    private final ExecutorService executor;
    private final UpstreamCredentials credentials;
    private final CountDownLatch shutdown;

    private TestUpstream(HttpServer server, ExecutorService executor, UpstreamCredentials credentials, CountDownLatch shutdown) {
        this.shutdown = shutdown;
        this.server = server;
        this.executor = executor;
        this.credentials = credentials;
    }

    public static TestUpstream start(int port) throws IOException {
        return start(port, UpstreamCredentials.defaults());
    }

    public static TestUpstream start(int port, UpstreamCredentials credentials) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, credentials);
    }

    /** Bound to {@code address}: only the compose demo, alone in its container, binds anything but loopback. */
    static TestUpstream start(InetAddress address, int port, UpstreamCredentials credentials) throws IOException {
        // Without TCP_NODELAY the JDK server's separately written headers and body meet the client's
        // delayed ACK: every keep-alive request then waits ~40 ms, which would make the upstream, not
        // the code under test, the bottleneck of every lane and benchmark. Read once, at class init.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        AtomicInteger threadNo = new AtomicInteger();
        // A fixed pool so slow requests don't block others; daemon threads never keep a JVM alive.
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "test-upstream-" + threadNo.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);

        CountDownLatch shutdown = new CountDownLatch(1);
        TicketStore tickets = new TicketStore();
        IssuedTokens tokens = new IssuedTokens();
        FlakyHandler flaky = new FlakyHandler();
        RequestLog log = new RequestLog();
        ContentHandler content = new ContentHandler();

        api(server, log, "/api/tickets", new TicketsHandler(tickets));
        api(server, log, "/api/secure", new SecureHandler(credentials, tokens));
        api(server, log, "/oauth/token", new OAuthTokenHandler(credentials, tokens));
        api(server, log, "/api/flaky", flaky);
        api(server, log, "/api/always", flaky);
        api(server, log, "/api/report.txt", content);
        api(server, log, "/api/report.csv", content);
        api(server, log, "/api/logo.png", content);
        api(server, log, "/api/big", content);
        api(server, log, "/api/slow", new SlowHandler(shutdown));
        api(server, log, "/api/echo", new EchoHandler());
        api(server, log, "/", new NotFoundHandler());
        server.createContext("/_admin", new AdminHandler(log, () -> {
            log.clear();
            tickets.clear();
            flaky.reset();
            tokens.clear();
        }));
        server.start();
        return new TestUpstream(server, executor, credentials, shutdown);
    }

    private static void api(HttpServer server, RequestLog log, String path, HttpHandler handler) {
        server.createContext(path, handler).getFilters().add(log);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Root URL, e.g. {@code http://127.0.0.1:41234}; the token endpoint is {@code url() + "/oauth/token"}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL operations of the description are relative to: {@code url() + "/api"}. */
    public String apiUrl() {
        return url() + "/api";
    }

    public UpstreamCredentials credentials() {
        return credentials;
    }

    @Override
    public void close() {
        shutdown.countDown(); // ends pending /api/slow delays
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        UpstreamArgs parsed;
        try {
            parsed = UpstreamArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("test-upstream: " + e.getMessage());
            System.err.println(UpstreamArgs.USAGE);
            System.exit(2);
            return;
        }
        TestUpstream upstream = start(InetAddress.getByName(parsed.bind()), parsed.port(), parsed.credentials());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            upstream.close();
            stopped.countDown();
        }));
        System.out.println(LISTENING + upstream.url());
        System.out.flush();
        stopped.await(); // pool threads are daemons: this keeps the process up until it is killed
    }
}
