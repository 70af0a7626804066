package org.opencli.fleet.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/architecture.md as tables: the rows of each {@code ## } section, split into cells, and the
 * names written in backticks inside a cell. A name followed by {@value #PENDING} is pending: it lands
 * with a change not merged yet (the doc's footnote names what must still exist for that to hold).
 */
final class ArchitectureDoc {
    static final String PENDING = "†";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`(" + PENDING + ")?");
    /** A relative link to another document, optionally to one of its headings. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([\\w./-]+\\.md)(?:#([\\w-]+))?\\)");

    /** A name in backticks; {@code pending} when marked {@value #PENDING}. */
    record Name(String text, boolean pending) {
    }

    /** One table row: its cells (trimmed) and the line it is on, for messages. */
    record Row(int line, List<String> cells) {
        String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }

        List<Name> names(int i) {
            return ArchitectureDoc.names(cell(i));
        }

        /** Where the row is, for assertion messages: {@code docs/architecture.md:42}. */
        String where() {
            return "docs/architecture.md:" + line;
        }
    }

    private final List<String> lines;

    private ArchitectureDoc(List<String> lines) {
        this.lines = lines;
    }

    static ArchitectureDoc read(Path file) throws IOException {
        return new ArchitectureDoc(Files.readAllLines(file));
    }

    /** The table rows under the {@code ## heading} (up to the next {@code ## }), header and separator rows left out. */
    List<Row> rows(String heading) {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                inSection = line.equals("## " + heading);
                continue;
            }
            if (!inSection) continue;
            if (!line.startsWith("|")) {
                headerSeen = false; // the next table starts with its own header
                continue;
            }
            if (line.matches("\\|[\\s|:-]+\\|?")) continue; // separator row
            if (!headerSeen) {
                headerSeen = true;
                continue;
            }
            String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
            rows.add(new Row(i + 1, Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList()));
        }
        return rows;
    }

    /** Every line carrying a pending mark, except the footnote that explains the mark. */
    List<String> pendingLines() {
        List<String> out = new ArrayList<>();
        int[] footnote = footnote();
        for (int i = 0; i < lines.size(); i++) {
            if (i >= footnote[0] && i < footnote[1]) continue;
            String line = lines.get(i);
            if (line.contains(PENDING)) out.add("docs/architecture.md:" + (i + 1) + ": " + line.trim());
        }
        return out;
    }

    /** The names in backticks of the footnote (the paragraph starting with {@value #PENDING}); empty when there is none. */
    List<Name> footnoteNames() {
        int[] footnote = footnote();
        return names(String.join(" ", lines.subList(footnote[0], footnote[1])));
    }

    /** The footnote's lines as {@code [from, to)}; an empty range when there is none. */
    private int[] footnote() {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(PENDING)) continue;
            int end = i;
            while (end < lines.size() && !lines.get(end).isBlank()) end++;
            return new int[] {i, end};
        }
        return new int[] {0, 0};
    }

    /** Every relative markdown link ({@code [text](file.md#anchor)}) with the line it is on. */
    List<String[]> links() {
        List<String[]> out = new ArrayList<>();
        Matcher m = LINK.matcher("");
        for (int i = 0; i < lines.size(); i++) {
            m.reset(lines.get(i));
            while (m.find()) out.add(new String[] {"docs/architecture.md:" + (i + 1), m.group(1), m.group(2)});
        }
        return out;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static List<Name> names(String text) {
        List<Name> out = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) out.add(new Name(m.group(1), m.group(2) != null));
        return out;
    }
}
