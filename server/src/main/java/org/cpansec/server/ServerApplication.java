package org.cpansec.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the CPANSec platform: {@code java -jar server/target/cpansec-server.jar}; with {@code
 * admin <command> ...} runs a one-time administration command instead ({@link AdminCli}).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ServerApplication {
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("admin")) {
      System.exit(
          AdminCli.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    SpringApplication.run(ServerApplication.class, args);
  }
}
