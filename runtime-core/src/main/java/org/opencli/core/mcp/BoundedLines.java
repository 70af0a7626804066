package org.opencli.core.mcp;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads one line of at most a bound of characters, so a server cannot make us hold an endless line. */
final class BoundedLines {
    /** A line longer than the bound. */
    static final class TooLong extends Exception {
        TooLong(int max) {
            super("the server wrote a line longer than " + max + " characters");
        }
    }

    private BoundedLines() {
    }

    /** The next line without its end, null at end of input. */
    static String read(BufferedReader in, int max) throws IOException, TooLong {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') return line.toString();
            if (c == '\r') continue;
            if (line.length() == max) throw new TooLong(max);
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** The next line without its end, cut to its first {@code max} characters (the rest is skipped); null at end of input. */
    static String readCut(BufferedReader in, int max) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') return line.toString();
            if (c != '\r' && line.length() < max) line.append((char) c);
        }
        return any ? line.toString() : null;
    }
}
