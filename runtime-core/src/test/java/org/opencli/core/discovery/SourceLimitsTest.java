package org.opencli.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.OcliException;

/**
 * Source documents stay within {@link DocumentLimits}: devices and FIFOs are never opened, files
 * and http bodies over the size limit are refused without being held or cached, a trickling server
 * cannot outlast the read timeout, and parsing is bounded in depth, aliases and time. No failure
 * quotes the document.
 */
class SourceLimitsTest {
    private static final String CANARY = "CANARY-5e1f-DO-NOT-ECHO";
    private static final DocumentLimits SMALL = new DocumentLimits(64 * 1024, 32, 10, Duration.ofSeconds(30),
            Duration.ofSeconds(10));
    /** SMALL with a short read timeout, for the trickling server. */
    private static final DocumentLimits IMPATIENT = new DocumentLimits(SMALL.maxBytes(), SMALL.maxDepth(),
            SMALL.maxAliases(), Duration.ofSeconds(2), SMALL.parseTimeout());

    @TempDir
    Path dir;
    HttpServer server;
    final AtomicBoolean stopping = new AtomicBoolean();
    DocumentFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        fetcher = DocumentFetchers.standard(dir.resolve("cache"), java.time.Clock.systemUTC(), SMALL);
    }

    @AfterEach
    void stop() {
        stopping.set(true);
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static Consumer<OcliException> code(String expected) {
        return e -> {
            assertThat(e.code()).isEqualTo(expected);
            assertThat(e.kind().httpStatus()).isLessThan(500).isGreaterThanOrEqualTo(400);
            assertThat(e.detail()).doesNotContain(CANARY);
        };
    }

    @Test
    void devZeroIsRefusedWithoutBeingRead() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> fetcher.fetch(FetchRequest.get("file:///dev/zero", dir, null)))
                .isInstanceOfSatisfying(OcliException.class, code("document_unreadable")));
    }

    @Test
    void aFifoNeverBlocksTheReader() throws Exception {
        Path fifo = dir.resolve("openapi.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> fetcher.fetch(FetchRequest.get("openapi.yaml", dir, null)))
                .isInstanceOfSatisfying(OcliException.class, code("document_unreadable")));
    }

    @Test
    void aFileOverTheLimitIsSourceTooLarge() throws Exception {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SMALL.maxBytes() + 1); // sparse: no disk, no memory
        }
        assertThatThrownBy(() -> fetcher.fetch(FetchRequest.get("big.yaml", dir, null)))
                .isInstanceOfSatisfying(OcliException.class, code("source_too_large"));
    }

    @Test
    void aProcFileThatLiesAboutItsSizeIsReadOnlyToTheLimit() {
        // /proc files report size 0; /proc/self/environ of a test JVM is small, so this reads fine —
        // the point is that it is read through the bounded path and never quoted when it fails to parse
        FetchedDocument doc = fetcher.fetch(FetchRequest.get("file:///proc/self/stat", dir, null));
        assertThat(doc.content().length).isPositive().isLessThanOrEqualTo((int) SMALL.maxBytes());
        assertThatThrownBy(() -> RawDocuments.parse(("{\"a\": " + CANARY + "}\n").getBytes(StandardCharsets.UTF_8),
                "file:///x.json", SMALL)).isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_document");
                    assertThat(e.detail()).contains("line 1, column").doesNotContain(CANARY);
                });
    }

    @Test
    void aStreamedHttpBodyOverTheLimitIsCutAndNeverCached() throws Exception {
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse up front
            byte[] chunk = ("a: " + CANARY + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000 && !stopping.get(); i++) out.write(chunk); // ~3 GB unless cut
            } catch (IOException clientWentAway) {
                // the fetcher cancelled: what we want
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> assertThatThrownBy(() -> fetcher.fetch(FetchRequest.get(url("/huge"), dir, null)))
                .isInstanceOfSatisfying(OcliException.class, code("source_too_large")));
        assertThat(cachedBodies()).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBody() throws IOException {
        server.createContext("/declared", exchange -> {
            exchange.sendResponseHeaders(200, SMALL.maxBytes() * 10);
            exchange.close();
        });
        assertThatThrownBy(() -> fetcher.fetch(FetchRequest.get(url("/declared"), dir, null)))
                .isInstanceOfSatisfying(OcliException.class, code("source_too_large"));
        assertThat(cachedBodies()).isEmpty();
    }

    @Test
    void aTricklingServerCannotOutlastTheReadTimeout() throws IOException {
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (!stopping.get()) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200); // the hostile server's pace, not a wait in the test
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // cancelled by the fetcher
            }
        });
        DocumentFetcher impatient = DocumentFetchers.standard(dir.resolve("cache"), java.time.Clock.systemUTC(), IMPATIENT);
        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(() -> impatient.fetch(FetchRequest.get(url("/trickle"), dir, null)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("source_timeout")));
        // the 200 ms pace alone would take forever: the exchange ends at the read timeout, give or take scheduling
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(IMPATIENT.readTimeout().plusSeconds(8));
        assertThat(cachedBodies()).isEmpty();
    }

    @Test
    void nestingBeyondTheDepthLimitIsSourceTooComplexInJsonAndYaml() {
        String json = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> RawDocuments.parse(json.getBytes(StandardCharsets.UTF_8), "d.json", SMALL))
                .isInstanceOfSatisfying(OcliException.class, code("source_too_complex"));
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 100; i++) yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        yaml.append("  ".repeat(100)).append(CANARY).append("\n");
        assertThatThrownBy(() -> RawDocuments.parse(yaml.toString().getBytes(StandardCharsets.UTF_8), "d.yaml", SMALL))
                .isInstanceOfSatisfying(OcliException.class, code("source_too_complex"));
    }

    @Test
    void billionLaughsIsNeverExpanded() {
        StringBuilder yaml = new StringBuilder("a: &a [\"" + CANARY + "\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append("]\n");
        }
        // 4^10 copies if aliases were expanded; the parser keeps each alias as one node (or refuses it)
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                var tree = RawDocuments.parse(yaml.toString().getBytes(StandardCharsets.UTF_8), "laughs.yaml", SMALL);
                assertThat(tree.toString().length()).isLessThan(10_000);
            } catch (OcliException refused) {
                code("source_too_complex").accept(refused);
            }
        });
    }

    @Test
    void aParseThatOutlastsItsTimeIsStopped() {
        DocumentLimits instant = new DocumentLimits(SMALL.maxBytes(), SMALL.maxDepth(), SMALL.maxAliases(),
                SMALL.readTimeout(), Duration.ofNanos(1));
        byte[] yaml = ("k: " + CANARY + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RawDocuments.parse(yaml, "slow.yaml", instant))
                .isInstanceOfSatisfying(OcliException.class, code("source_too_complex"));
    }

    @Test
    void syntaxErrorsSayWhereNeverWhat() {
        byte[] yaml = ("openapi: 3.1.0\ninfo:\n  title: [" + CANARY + "\n  - : : :\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RawDocuments.parse(yaml, "bad.yaml", SMALL))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_document");
                    assertThat(e.detail()).startsWith("bad.yaml: not well-formed YAML at line").doesNotContain(CANARY);
                    assertThat(e.items()).allSatisfy(i -> assertThat(i.message()).doesNotContain(CANARY));
                });
    }

    @Test
    void limitsComeFromTheEnvironmentAndBadValuesAreNamed() {
        DocumentLimits fromEnv = DocumentLimits.fromEnvironment(name -> switch (name) {
            case "OCLI_DOCUMENT_MAX_BYTES" -> "1048576";
            case "OCLI_DOCUMENT_READ_TIMEOUT_SECONDS" -> "5";
            default -> null;
        });
        assertThat(fromEnv.maxBytes()).isEqualTo(1_048_576);
        assertThat(fromEnv.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromEnv.maxDepth()).isEqualTo(DocumentLimits.DEFAULT_MAX_DEPTH);
        assertThatThrownBy(() -> DocumentLimits.fromEnvironment(name -> name.equals("OCLI_DOCUMENT_MAX_DEPTH") ? "deep" : null))
                .hasMessageContaining("OCLI_DOCUMENT_MAX_DEPTH");
    }

    private java.util.List<Path> cachedBodies() throws IOException {
        Path cache = dir.resolve("cache");
        if (!Files.isDirectory(cache)) return java.util.List.of();
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".body")).toList();
        }
    }
}
