package org.cpansec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void comparesLikeVersionPm() {
    assertThat(run("version", "compare", "1.02_03", "1.0203")).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).startsWith("1.02_03 == 1.0203\t(v1.20.300 == v1.20.300)");
  }

  @Test
  void comparesAsJson() throws Exception {
    assertThat(run("version", "compare", "--format", "json", "1.2", "v1.2")).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("cmp").asInt()).isEqualTo(1);
    assertThat(json.get("relation").asText()).isEqualTo(">");
  }

  @Test
  void anInvalidVersionIsOneMessageAndExitTwo() {
    assertThat(run("version", "compare", "1.2a", "1")).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString())
        .isEqualTo(
            "cpansec: '1.2a': Invalid version format (non-numeric data)" + System.lineSeparator());
  }

  @Test
  void parseReportsEachVersionAndFailsOnInvalidOnes() throws Exception {
    assertThat(run("version", "parse", "--format", "json", "1.02", "1_000"))
        .isEqualTo(ExitCode.ERROR);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get(0).get("normal").asText()).isEqualTo("v1.20.0");
    assertThat(json.get(1).get("error").asText())
        .isEqualTo("Invalid version format (alpha without decimal)");
  }

  @Test
  void rangeUsesTheChosenSyntax() {
    assertThat(run("version", "range", "1.2", "1.3")).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("1.3\tnot in range");
    out.getBuffer().setLength(0);
    assertThat(run("version", "range", "--syntax", "requirement", "1.2", "1.3"))
        .isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("1.3\tin range");
  }

  @Test
  void aBadRangeSaysWhere() {
    assertThat(run("version", "range", ">=1.0,<abc", "1")).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString()).contains("at column 8").contains("non-numeric data");
  }

  @Test
  void unknownOptionsGiveUsageHintAndExitTwo() {
    assertThat(run("version", "compare", "--bogus", "1", "2")).isEqualTo(ExitCode.ERROR);
    assertThat(err.toString())
        .contains("Unknown option: '--bogus'")
        .contains("cpansec version compare --help");
  }
}
