package org.opencli.cli.output;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The width tables and help are fitted to. On a terminal: the controlling terminal's own width
 * ({@code stty size} on {@code /dev/tty}; shells set but rarely export {@code COLUMNS}), then
 * {@code COLUMNS}, then a default. Not on a terminal: {@code COLUMNS} or no limit for tables, 80
 * for help, so piped output does not depend on the window it was run from.
 */
public final class TerminalWidth {
    static final int TABLE_DEFAULT = 120;
    static final int HELP_DEFAULT = 80;
    /** Picocli refuses help narrower than this. */
    private static final int HELP_MINIMUM = 55;
    private static final int MINIMUM = 20;
    private static final long STTY_TIMEOUT_MILLIS = 1000;

    private static volatile OptionalInt terminalColumns;

    private TerminalWidth() {
    }

    public static int forTables(boolean terminal) {
        if (terminal) return terminalColumns().orElse(columnsVariable().orElse(TABLE_DEFAULT));
        return columnsVariable().orElse(Integer.MAX_VALUE);
    }

    public static int forHelp(boolean terminal) {
        if (!terminal) return HELP_DEFAULT;
        return Math.max(HELP_MINIMUM, terminalColumns().orElse(columnsVariable().orElse(HELP_DEFAULT)));
    }

    private static OptionalInt columnsVariable() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").trim());
            return columns > MINIMUM ? OptionalInt.of(columns) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Asked once per process; a wedged {@code stty} is given up on after a second. */
    private static OptionalInt terminalColumns() {
        OptionalInt known = terminalColumns;
        if (known == null) {
            known = stty();
            terminalColumns = known;
        }
        return known;
    }

    private static OptionalInt stty() {
        Process stty = null;
        try {
            stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(STTY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || stty.exitValue() != 0) return OptionalInt.empty();
            String[] rowsColumns = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            if (rowsColumns.length != 2 || !rowsColumns[1].matches("\\d{1,5}")) return OptionalInt.empty();
            int columns = Integer.parseInt(rowsColumns[1]);
            return columns > MINIMUM ? OptionalInt.of(columns) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty(); // no stty, or no controlling terminal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } finally {
            if (stty != null) stty.destroyForcibly();
        }
    }
}
