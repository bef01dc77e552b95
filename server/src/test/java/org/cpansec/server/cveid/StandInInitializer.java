package org.cpansec.server.cveid;

import java.util.Map;
import org.cpansec.server.cveservices.CveServicesStandIn;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a {@link CveServicesStandIn} for a test context, points {@code cpansec.cve-services.*} at
 * it, offers it as a bean and stops it with the context.
 */
public final class StandInInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  @Override
  public void initialize(ConfigurableApplicationContext context) {
    CveServicesStandIn standIn = CveServicesStandIn.start();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "cve-services-stand-in",
                Map.of(
                    "cpansec.cve-services.base-url", standIn.baseUrl().toString(),
                    "cpansec.cve-services.org", CveServicesStandIn.ORG,
                    "cpansec.cve-services.user", CveServicesStandIn.USER,
                    "cpansec.cve-services.api-key", CveServicesStandIn.KEY,
                    "cpansec.advisories.import-bundled", "false")));
    context.getBeanFactory().registerSingleton("cveServicesStandIn", standIn);
    context.addApplicationListener(
        (ContextClosedEvent e) -> {
          if (e.getApplicationContext() == context) {
            standIn.close();
          }
        });
  }
}
