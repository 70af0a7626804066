package org.opencli.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx on the host (Debian's nginx-light) balancing HTTP over {@code servers}, with a config
 * written for the lane: its own prefix, logs and pid file in the lane's work dir, a loopback port
 * picked free. A server that refuses connections is taken out and the request passed to the next
 * (the request was never sent, so even a POST is safe to pass on); a request cut off mid-way is
 * not passed on, so the client sees the failure and decides whether to retry.
 */
public final class Nginx implements AutoCloseable {
    /** nginx's location; {@code OCLI_NGINX} overrides it. */
    static final String BINARY = System.getenv().getOrDefault("OCLI_NGINX", "nginx");

    private final LaneContext ctx;
    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(LaneContext ctx, Process process, Path dir, int port) {
        this.ctx = ctx;
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static Nginx start(LaneContext ctx, List<String> servers) throws IOException {
        Path dir = Files.createDirectories(ctx.workDir().resolve("nginx"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("temp"));
        int port = FreePort.pick();
        // least_conn, not round-robin: an ocli call is short requests (catalog) then a long execute, and
        // round-robin over clients in step can line the executes up so one replica never gets one.
        StringBuilder upstream = new StringBuilder();
        for (String s : servers) upstream.append("        server ").append(s).append(" max_fails=1 fail_timeout=60s;\n");
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 256; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    upstream oclird {
                        least_conn;
                %2$s    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://oclird;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_connect_timeout 2s;
                            proxy_next_upstream error timeout;
                        }
                    }
                }
                """.formatted(dir, upstream, port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        ctx.artifact("nginx.conf", conf);
        List<String> command = List.of(BINARY, "-p", dir.toString(), "-c", file.toString());
        ctx.log("$ " + String.join(" ", command) + " &");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start " + BINARY + " (Debian package nginx-light; .ci/run installs it): " + e.getMessage(), e);
        }
        return new Nginx(ctx, process, dir, port);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String errorLog() throws IOException {
        Path log = dir.resolve("logs/error.log");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        Processes.stop(process);
        ctx.log("nginx stopped");
    }
}
