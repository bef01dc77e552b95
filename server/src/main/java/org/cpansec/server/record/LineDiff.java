package org.cpansec.server.record;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts, in hunks with a few lines of context, like {@code diff -u}. The common
 * start and end are set aside, then the longest common subsequence of the lines between is found;
 * when that middle part is too large for the table (over {@value #MAX_CELLS} cells), it is shown as
 * removed then added as a whole, which is still a correct, if longer, diff.
 */
public final class LineDiff {
  static final int MAX_CELLS = 4_000_000;
  private static final int CONTEXT = 3;

  private LineDiff() {}

  /** One line of a diff: {@code ' '} kept, {@code '-'} only in the old, {@code '+'} only in new. */
  public record Line(char op, int oldNumber, int newNumber, String text) {
    /** The CSS class of the line. */
    public String kind() {
      return op == '+' ? "add" : op == '-' ? "del" : "same";
    }

    /** {@code +} for an added line, {@code −} for a removed one, else blank. */
    public String sign() {
      return op == '+' ? "+" : op == '-' ? "\u2212" : "";
    }

    /** The old line number, blank for an added line. */
    public String oldLabel() {
      return op == '+' ? "" : Integer.toString(oldNumber);
    }

    /** The new line number, blank for a removed line. */
    public String newLabel() {
      return op == '-' ? "" : Integer.toString(newNumber);
    }
  }

  /** A run of changes with its context, and the {@code @@ -a,b +c,d @@} header. */
  public record Hunk(String header, List<Line> lines) {}

  /** Every line of both texts, in order. */
  static List<Line> lines(String older, String newer) {
    String[] a = split(older);
    String[] b = split(newer);
    int start = 0;
    while (start < a.length && start < b.length && a[start].equals(b[start])) {
      start++;
    }
    int endA = a.length;
    int endB = b.length;
    while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
      endA--;
      endB--;
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < start; i++) {
      out.add(new Line(' ', i + 1, i + 1, a[i]));
    }
    middle(a, start, endA, b, start, endB, out);
    for (int i = endA, j = endB; i < a.length; i++, j++) {
      out.add(new Line(' ', i + 1, j + 1, a[i]));
    }
    return out;
  }

  /** The changed lines with {@value #CONTEXT} lines of context; empty when the texts are equal. */
  static List<Hunk> hunks(String older, String newer) {
    List<Line> all = lines(older, newer);
    List<Hunk> out = new ArrayList<>();
    int i = 0;
    while (i < all.size()) {
      if (all.get(i).op() == ' ') {
        i++;
        continue;
      }
      int from = Math.max(0, i - CONTEXT);
      // Extend while the next change is close enough for the contexts to touch.
      int lastChange = i;
      for (int k = i; k < all.size(); k++) {
        if (all.get(k).op() != ' ') {
          lastChange = k;
        } else if (k - lastChange > 2 * CONTEXT) {
          break;
        }
      }
      int to = Math.min(all.size(), lastChange + CONTEXT + 1);
      List<Line> lines = all.subList(from, to);
      out.add(new Hunk(header(lines), List.copyOf(lines)));
      i = to;
    }
    return out;
  }

  private static String header(List<Line> lines) {
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    for (Line l : lines) {
      if (l.op() != '+') {
        oldStart = oldStart == 0 ? l.oldNumber() : oldStart;
        oldCount++;
      }
      if (l.op() != '-') {
        newStart = newStart == 0 ? l.newNumber() : newStart;
        newCount++;
      }
    }
    return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
  }

  private static void middle(
      String[] a, int a0, int a1, String[] b, int b0, int b1, List<Line> out) {
    int n = a1 - a0;
    int m = b1 - b0;
    if ((long) n * m > MAX_CELLS) {
      for (int i = a0; i < a1; i++) {
        out.add(new Line('-', i + 1, 0, a[i]));
      }
      for (int j = b0; j < b1; j++) {
        out.add(new Line('+', 0, j + 1, b[j]));
      }
      return;
    }
    // lcs[i][j]: the longest common subsequence of a[a0+i..a1) and b[b0+j..b1).
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a[a0 + i].equals(b[b0 + j])
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
        out.add(new Line(' ', a0 + i + 1, b0 + j + 1, a[a0 + i]));
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add(new Line('-', a0 + i + 1, 0, a[a0 + i]));
        i++;
      } else {
        out.add(new Line('+', 0, b0 + j + 1, b[b0 + j]));
        j++;
      }
    }
  }

  private static String[] split(String text) {
    if (text.isEmpty()) {
      return new String[0];
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return t.split("\n", -1);
  }
}
