package org.opencli.fleet.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver for lanes: a JDK {@code HttpServer} on an ephemeral loopback port
 * that accepts {@code POST /v1/traces} in the protobuf encoding, decodes it with the official
 * {@code io.opentelemetry.proto} classes and keeps every span it was sent.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** A received span: ids as lower-case hex, attributes as strings. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes, String statusCode) {
    }

    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final Object arrivals = new Object();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    private final boolean keep;

    public OtlpReceiver() throws IOException {
        this(true);
    }

    /** {@code keep}: false only counts the spans (a bench's long run would otherwise fill the heap). */
    public OtlpReceiver(boolean keep) throws IOException {
        this.keep = keep;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::traces);
        server.start();
    }

    /** The base URL an OTLP/HTTP exporter is given ({@code /v1/traces} is appended by the exporter). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests it could not take (wrong method, encoding or body), for the transcript. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** The spans of {@code traceId} once {@code done} holds for them, or what arrived by the deadline. */
    public List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> done, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        synchronized (arrivals) {
            while (true) {
                List<ReceivedSpan> trace = spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (done.test(trace) || left <= 0) return trace;
                arrivals.wait(left); // woken by each export request that brought spans
            }
        }
    }

    private void traces(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!"POST".equals(exchange.getRequestMethod()) || !type.startsWith("application/x-protobuf")) {
                refusals.add(exchange.getRequestMethod() + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = body(exchange)) {
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) throw new IOException("body over " + MAX_BODY + " bytes");
                request = ExportTraceServiceRequest.parseFrom(bytes);
            } catch (IOException e) {
                refusals.add("undecodable: " + e.getMessage());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            for (ResourceSpans rs : request.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    received.addAndGet(ss.getSpansCount());
                    if (keep) for (Span span : ss.getSpansList()) spans.add(received(span));
                    synchronized (arrivals) {
                        arrivals.notifyAll();
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) exchange.getResponseBody().write(answer);
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = exchange.getRequestBody();
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(in) : in;
    }

    private static ReceivedSpan received(Span span) {
        HexFormat hex = HexFormat.of();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue kv : span.getAttributesList()) attributes.put(kv.getKey(), value(kv));
        return new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(), attributes,
                span.getStatus().getCode().name());
    }

    private static String value(KeyValue kv) {
        var v = kv.getValue();
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            default -> v.toString().trim();
        };
    }

    /** How many spans arrived (kept or not). */
    public long count() {
        return received.get();
    }

    /**
     * A stand-alone receiver for benches ({@code make bench-execute} with export on): prints its URL,
     * counts what it is sent and prints the count when stopped.
     */
    public static void main(String[] args) throws Exception {
        OtlpReceiver receiver = new OtlpReceiver(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("spans received: " + receiver.count())));
        System.out.println("otlp receiver " + receiver.url());
        Thread.currentThread().join();
    }

    /** Every span as one line, for a lane's artifact. */
    public String dump() {
        List<String> lines = new ArrayList<>();
        for (ReceivedSpan s : spans) {
            lines.add(s.traceId() + " " + s.spanId() + " <- " + (s.parentSpanId().isEmpty() ? "(root)" : s.parentSpanId()) + " "
                    + s.kind() + " " + s.name() + " " + s.statusCode() + " " + s.attributes());
        }
        return String.join("\n", lines) + "\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
