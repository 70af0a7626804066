package org.opencli.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns. When the table is wider than the terminal, the widest columns are shrunk (cells
 * cut with an ellipsis) until it fits; every column keeps at least a few characters, and the first
 * column (the identifier a user copies into the next command) is never cut. Control characters in
 * cells are shown as {@code ?}.
 */
public final class TableRenderer {
    private static final String GAP = "  ";
    private static final int MIN_COLUMN = 6;

    private TableRenderer() {
    }

    public static String render(Table table, int maxWidth) {
        int columns = table.headers().size();
        int[] widths = new int[columns];
        List<List<String>> all = new ArrayList<>();
        all.add(table.headers());
        all.addAll(table.rows());
        for (List<String> row : all) {
            for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], oneLine(row.get(i)).length());
        }
        shrink(widths, maxWidth);
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = cut(oneLine(row.get(i)), widths[i]);
                line.append(cell);
                if (i < columns - 1) line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static void shrink(int[] widths, int maxWidth) {
        int total = total(widths);
        while (total > maxWidth) {
            if (widths.length < 2) return;
            int widest = 1;
            for (int i = 2; i < widths.length; i++) if (widths[i] > widths[widest]) widest = i;
            if (widths[widest] <= MIN_COLUMN) return;
            widths[widest]--;
            total--;
        }
    }

    private static int total(int[] widths) {
        int sum = GAP.length() * (widths.length - 1);
        for (int w : widths) sum += w;
        return sum;
    }

    /**
     * Cells hold what others wrote (an audit record's tool id as a caller sent it, a document's
     * summary): line breaks become spaces, every other control character {@code ?}, so a cell cannot
     * move the cursor or send escape sequences to the terminal.
     */
    private static String oneLine(String s) {
        return VisibleText.of(s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }
}
