package dev.kubeherd.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell and separated by two spaces. */
public final class Table {
  private static final String GAP = "  ";
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  private Table(String[] header) {
    this.columns = header.length;
    rows.add(header);
  }

  public static Table withHeader(String... header) {
    return new Table(header.clone());
  }

  public Table row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells but got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  public void print(PrintWriter out) {
    int[] widths = widths();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row[c] == null ? "" : row[c];
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private int[] widths() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c] == null ? 0 : row[c].length());
      }
    }
    return widths;
  }
}
