package org.cpansec.server.account;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cpansec.server.AdminCli;
import org.cpansec.server.AdminCommand;
import org.springframework.stereotype.Component;

/**
 * {@code admin create --username U --email E --name N [--role ROLE ...]}: creates an account with
 * role ADMIN (plus the roles given) and prints its one-time enrolment URL. This is how the first
 * admin comes to be: there is no default account and no default password. Refuses a username that
 * exists (exit 1); a missing or invalid argument is a usage error (exit 2).
 */
@Component
public class CreateAdminCommand implements AdminCommand {
  private static final String USAGE =
      "usage: admin create --username U --email E --name N [--role CNA_MEMBER|CPANSEC_MEMBER]...";

  private final Accounts accounts;
  private final MemberStore members;

  public CreateAdminCommand(Accounts accounts, MemberStore members) {
    this.accounts = accounts;
    this.members = members;
  }

  @Override
  public String name() {
    return "create";
  }

  @Override
  public String summary() {
    return "create --username U --email E --name N [--role ROLE]...  create an admin account and"
        + " print its enrolment link";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, String> single = new LinkedHashMap<>();
    Set<Role> roles = EnumSet.of(Role.ADMIN);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String key;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        key = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else if (arg.startsWith("--") && i + 1 < args.size()) {
        key = arg.substring(2);
        value = args.get(++i);
      } else {
        return usage(err, "unexpected argument '" + arg + "'");
      }
      switch (key) {
        case "username", "email", "name" -> {
          if (single.put(key, value) != null) {
            return usage(err, "--" + key + " given twice");
          }
        }
        case "role" -> {
          for (String r : value.split(",")) {
            try {
              roles.add(Role.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
              return usage(
                  err, "no role '" + r.strip() + "' (roles: CPANSEC_MEMBER, CNA_MEMBER, ADMIN)");
            }
          }
        }
        default -> {
          return usage(err, "unknown option --" + key);
        }
      }
    }
    for (String required : List.of("username", "email", "name")) {
      if (single.get(required) == null || single.get(required).isBlank()) {
        return usage(err, "--" + required + " is required");
      }
    }
    String username = Accounts.normalizeUsername(single.get("username"));
    if (members.usernameExists(username)) {
      err.println("admin create: refused: an account '" + username + "' exists already");
      return 1;
    }
    Accounts.Created created;
    try {
      created = accounts.create(username, single.get("name"), single.get("email"), roles, null);
    } catch (UsernameTakenException e) {
      err.println("admin create: refused: an account '" + username + "' exists already");
      return 1;
    } catch (AccountException e) {
      return usage(err, e.getMessage());
    }
    out.println("Created account '" + username + "' with roles " + RoleNames.describe(roles) + ".");
    out.println("It has no password. Hand this one-time enrolment link to its owner privately;");
    out.println(
        "it works once, until "
            + created
                .link()
                .expiresAt()
                .atZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
            + ":");
    out.println(created.link().url());
    return 0;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("admin create: " + problem);
    err.println(USAGE);
    return AdminCli.USAGE;
  }
}
