package org.cpansec.server.cveid;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** As {@link H2CveIdServer}, over this JVM's PostgreSQL test database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabases.Postgres.class, StandInInitializer.class})
@ExtendWith(PostgresAvailable.class)
@Import(CveIdTestBeans.class)
public @interface PostgresCveIdServer {}
