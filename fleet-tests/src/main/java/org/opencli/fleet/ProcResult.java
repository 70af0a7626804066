package org.opencli.fleet;

import java.util.List;

/** What a finished process printed and how it exited. */
public record ProcResult(List<String> command, int exitCode, String stdout, String stderr) {
}
