package dev.switchboard.api;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for people, as both CLIs print it: a header, aligned columns (numbers to the right), two spaces
 * between columns.
 */
public final class Table {
    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers column titles; a title ending in '#' marks a right-aligned column (the '#' is dropped) */
    public Table(String... headers) {
        this.headers = new String[headers.length];
        this.numeric = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].endsWith("#");
            this.headers[i] = numeric[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i];
        }
    }

    /**
     * @param cells one per column; {@code null} prints as {@code -}
     * @throws IllegalArgumentException when the number of cells is not the number of columns
     */
    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + headers.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toArray(String[]::new));
        return this;
    }

    /** @return the number of rows, not counting the header */
    public int size() {
        return rows.size();
    }

    /** @return the header line and then one line per row, without line ends */
    public List<String> lines() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths));
        for (String[] row : rows) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    /** Prints {@link #lines()}, one {@code println} each. */
    public void print(PrintWriter out) {
        for (String line : lines()) {
            out.println(line);
        }
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String pad = " ".repeat(widths[i] - cells[i].length());
            if (numeric[i]) {
                b.append(pad).append(cells[i]);
            } else {
                b.append(cells[i]);
                if (!last) {
                    b.append(pad);
                }
            }
            if (!last) {
                b.append("  ");
            }
        }
        return b.toString();
    }
}
