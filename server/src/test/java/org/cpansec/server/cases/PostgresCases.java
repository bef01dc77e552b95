package org.cpansec.server.cases;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Like {@link H2Cases}, over this test JVM's fresh PostgreSQL database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabases.Postgres.class, AttachmentDir.class})
@ExtendWith(PostgresAvailable.class)
public @interface PostgresCases {}
