package org.opencli.fleet;

import java.nio.file.Path;

/** A running {@code oclird} process started by a lane; closing it ends the process. */
public final class Daemon implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Path registryFile;

    Daemon(Process process, String url, Path registryFile) {
        this.process = process;
        this.url = url;
        this.registryFile = registryFile;
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
