package org.opencli.fleet;

import java.nio.file.Path;

/** A running {@code oclird} process started by a lane; closing it ends the process. */
public final class Daemon implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Path registryFile;
    private final String clientKey;

    Daemon(Process process, String url, Path registryFile, String clientKey) {
        this.process = process;
        this.url = url;
        this.registryFile = registryFile;
        this.clientKey = clientKey;
    }

    /** The owner key from its runtime.json (null with runtime auth): what ocli sends it as a bearer. */
    public String clientKey() {
        return clientKey;
    }

    public String url() {
        return url;
    }

    public Path registryFile() {
        return registryFile;
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
