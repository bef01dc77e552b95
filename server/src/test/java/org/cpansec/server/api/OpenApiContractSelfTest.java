package org.cpansec.server.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The contract check itself rejects what the document does not allow. */
class OpenApiContractSelfTest {
  private static final String JSON = "application/json";

  @Test
  void acceptsADocumentedEmptyAnswer() {
    assertThatCode(() -> OpenApiContract.check("POST", "/v1/query", 200, JSON, "{\"vulns\":[]}"))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsAnUndocumentedField() {
    assertThatThrownBy(
            () -> OpenApiContract.check("POST", "/v1/query", 200, JSON, "{\"vulns\":[],\"x\":1}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void rejectsARecordWithoutModified() {
    String body = "{\"vulns\":[{\"schema_version\":\"1.6.0\",\"id\":\"X\",\"affected\":[]}]}";
    assertThatThrownBy(() -> OpenApiContract.check("POST", "/v1/query", 200, JSON, body))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void rejectsAnUndocumentedStatusAndAWrongContentType() {
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/v1/vulns/X", 500, JSON, "{}"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> OpenApiContract.check("GET", "/v1/vulns/X", 404, JSON, "{\"type\":\"x\"}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void rejectsAProblemTypeOutsideTheFixedList() {
    String body =
        "{\"type\":\"http://x/docs/api-errors#teapot\",\"title\":\"t\",\"status\":404,\"detail\":\"d\"}";
    assertThatThrownBy(
            () ->
                OpenApiContract.check("GET", "/v1/vulns/X", 404, "application/problem+json", body))
        .isInstanceOf(AssertionError.class);
  }
}
