package org.cpansec.server.cveid;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cpansec.server.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The server on a random port over a fresh H2 database, with a CVE Services stand-in and a settable
 * clock; one context for all the pool's H2 tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabases.H2.class, StandInInitializer.class})
@Import(CveIdTestBeans.class)
public @interface H2CveIdServer {}
