package org.cpansec.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Accounts and sign-in on an H2 file database; and the admin command on an empty database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabases.H2.class)
class H2AccountsTest extends AccountsContractTest {
  @Test
  void theAdminCommandMigratesAnEmptyDatabaseFirst() throws Exception {
    Path dir = Files.createTempDirectory("cpansec-cli-");
    String url = "jdbc:h2:file:" + dir.resolve("fresh");
    Run run =
        cliWith(
            List.of(
                "create",
                "--username=root",
                "--email=root@example.org",
                "--name=Root Admin",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=sa",
                "--spring.datasource.password="));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Created account 'root' with roles Admin.", "/enrol/");
    try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT m.username, r.role, m.password_hash FROM member_account m"
                    + " JOIN member_role r ON r.member_id = m.id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("root");
      assertThat(rs.getString(2)).isEqualTo("ADMIN");
      assertThat(rs.getString(3)).isNull();
      assertThat(rs.next()).isFalse();
    }
  }
}
