package org.cpansec.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The history's line diff. */
class LineDiffTest {
  private static String render(List<LineDiff.Line> lines) {
    return lines.stream().map(l -> l.op() + l.text()).collect(Collectors.joining("\n"));
  }

  private static String numbered(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line " + i + "\n")
        .collect(Collectors.joining());
  }

  @Test
  void equalTextsHaveNoHunks() {
    assertThat(LineDiff.hunks("a\nb\n", "a\nb\n")).isEmpty();
    assertThat(LineDiff.hunks("", "")).isEmpty();
  }

  @Test
  void aChangedLineIsRemovedThenAddedInPlace() {
    List<LineDiff.Line> lines = LineDiff.lines("a\nb\nc\n", "a\nB\nc\n");
    assertThat(render(lines)).isEqualTo(" a\n-b\n+B\n c");
    assertThat(lines.get(1).oldNumber()).isEqualTo(2);
    assertThat(lines.get(2).newNumber()).isEqualTo(2);
  }

  @Test
  void insertionsAndDeletionsKeepTheCommonLines() {
    assertThat(render(LineDiff.lines("a\nb\nc\nd\n", "a\nc\nx\nd\ny\n")))
        .isEqualTo(" a\n-b\n c\n+x\n d\n+y");
    assertThat(render(LineDiff.lines("", "a\n"))).isEqualTo("+a");
    assertThat(render(LineDiff.lines("a\n", ""))).isEqualTo("-a");
  }

  @Test
  void hunksCarryThreeLinesOfContextAndJoinWhenClose() {
    String old = numbered(1, 30);
    String changed = old.replace("line 5\n", "five\n").replace("line 25\n", "twenty-five\n");
    List<LineDiff.Hunk> far = LineDiff.hunks(old, changed);
    assertThat(far).hasSize(2);
    assertThat(far.get(0).header()).isEqualTo("@@ -2,7 +2,7 @@");
    assertThat(far.get(0).lines()).hasSize(8);
    assertThat(far.get(1).header()).isEqualTo("@@ -22,7 +22,7 @@");
    String near = old.replace("line 5\n", "five\n").replace("line 10\n", "ten\n");
    List<LineDiff.Hunk> joined = LineDiff.hunks(old, near);
    assertThat(joined).hasSize(1);
    assertThat(joined.get(0).header()).isEqualTo("@@ -2,12 +2,12 @@");
  }

  @Test
  void aMiddleTooLargeForTheTableIsReplacedWhole() {
    String a = "start\n" + numbered(1, 2100) + "end\n";
    String b = "start\n" + numbered(3000, 5100) + "end\n";
    List<LineDiff.Line> lines = LineDiff.lines(a, b);
    assertThat(lines).hasSize(2 + 2100 + 2101);
    assertThat(lines.get(0).op()).isEqualTo(' ');
    assertThat(lines.get(1).text()).isEqualTo("line 1");
    assertThat(lines.get(1).op()).isEqualTo('-');
    assertThat(lines.get(2101).op()).isEqualTo('+');
    assertThat(lines.get(lines.size() - 1).text()).isEqualTo("end");
  }
}
