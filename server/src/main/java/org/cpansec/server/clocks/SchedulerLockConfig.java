package org.cpansec.server.clocks;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs marked {@code @SchedulerLock} run on one replica at a time: ShedLock's row in the
 * {@code shedlock} table (V12) is the lock, with the database's own time (so replicas whose clocks
 * differ agree on when a lock expires). Each replica names itself by process, host and a random
 * suffix, so two servers in one JVM (the tests) are told apart.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class SchedulerLockConfig {
  @Bean
  LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .withTableName("shedlock")
            .usingDbTime()
            .withLockedByValue(replicaName())
            .build());
  }

  private static String replicaName() {
    String name =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }
}
