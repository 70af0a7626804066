package org.opencli.core.audit.syslog;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One TCP (optionally TLS) connection to the receiver. Syslog receivers never answer, so a small
 * watcher thread blocks on reading: end of stream or an error means the peer went away, which the
 * sender checks before each write. Without it the first write after the receiver stopped would
 * vanish into the kernel's buffer instead of going to the backlog.
 */
final class SyslogConnection implements Closeable {
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final OutputStream out;
    private volatile boolean peerClosed;

    private SyslogConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        InputStream in = socket.getInputStream();
        Thread watcher = new Thread(() -> watch(in), "ocli-audit-syslog-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Connects (and for TLS completes the handshake, verifying the certificate against {@code host}). */
    static SyslogConnection open(String host, int port, SSLSocketFactory tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            plain.setKeepAlive(true);
            if (tls == null) return new SyslogConnection(plain);
            SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name host: fail closed
            socket.setSSLParameters(params);
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return new SyslogConnection(socket);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    boolean peerClosed() {
        return peerClosed || socket.isClosed();
    }

    /** Writes the frames and flushes; an exception means some or none reached the peer. */
    void send(List<byte[]> frames) throws IOException {
        if (peerClosed()) throw new IOException("the syslog receiver closed the connection");
        for (byte[] frame : frames) out.write(frame);
        out.flush();
    }

    @Override
    public void close() {
        peerClosed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void watch(InputStream in) {
        byte[] sink = new byte[512];
        try {
            while (in.read(sink) >= 0) {
                // receivers send nothing we use; keep reading until the peer closes
            }
        } catch (IOException e) {
            // reset or closed locally: either way the connection is over
        }
        peerClosed = true;
    }
}
