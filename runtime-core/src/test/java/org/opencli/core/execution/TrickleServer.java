package org.opencli.core.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers at once with headers promising a large JSON body, then sends it 5
 * bytes every 100 ms — never idle long enough for an idle timeout, far too slow to finish. Paced
 * by waiting on its own close signal, so closing it ends every connection at once.
 */
final class TrickleServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger requests = new AtomicInteger();

    TrickleServer() throws IOException {
        Thread acceptor = new Thread(this::accept, "trickle-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String base() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket s = socket.accept();
                Thread t = new Thread(() -> trickle(s), "trickle");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closedSocket) {
            // the test is over
        }
    }

    private void trickle(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            readHead(in);
            requests.incrementAndGet();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int sent = 0; sent < 100_000 && !closed.await(100, TimeUnit.MILLISECONDS); sent += 5) {
                out.write("     ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the client hung up (what a deadline does) or the test is over
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("closed before the request head ended");
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
