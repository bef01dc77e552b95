package org.cpansec.server.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpansec.server.docs.DocumentPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The pre-release disclosure agreement (CPANSEC-PROCESS.md §5): its current version ({@code
 * cpansec.workspace.agreement-version}), its text (the {@code /docs/} page), and members'
 * signatures. A member who has not signed the current version sees no embargoed data.
 */
@Service
public class Agreement {
  private static final Logger LOG = LoggerFactory.getLogger(Agreement.class);

  private final MemberStore members;
  private final AccountEvents events;
  private final DocumentPages pages;
  private final WorkspaceProperties config;
  private final Clock clock;

  public Agreement(
      MemberStore members,
      AccountEvents events,
      DocumentPages pages,
      WorkspaceProperties config,
      Clock clock) {
    this.members = members;
    this.events = events;
    this.pages = pages;
    this.config = config;
    this.clock = clock;
  }

  /** The version members must have signed. */
  public String version() {
    return config.agreementVersion();
  }

  /**
   * The agreement's text. Warns in the log when the page does not state the configured version (the
   * operator changed one without the other).
   */
  public Optional<DocumentPages.Page> text() {
    Optional<DocumentPages.Page> page = pages.page(config.agreementPage());
    if (page.isEmpty()) {
      LOG.warn("the agreement page /docs/{} does not exist", config.agreementPage());
    } else if (!page.get().html().contains("Version " + version())) {
      LOG.warn(
          "the agreement page /docs/{} does not state 'Version {}' (cpansec.workspace"
              + ".agreement-version)",
          config.agreementPage(),
          version());
    }
    return page;
  }

  /** When the member signed the current version, if they did. */
  public Optional<OffsetDateTime> signedAt(long memberId) {
    return members.signedAt(memberId, version());
  }

  /**
   * Records the member's signature of {@code version}.
   *
   * @throws AccountException when {@code version} is not the current one (it changed while the
   *     member read it)
   */
  public void sign(Member member, String version, String client) {
    if (!version().equals(version)) {
      throw new AccountException(
          "The agreement is now at version " + version() + ": read this version, then sign it.");
    }
    if (members.sign(member.id(), version, OffsetDateTime.now(clock))) {
      events.record(
          AccountEvents.Kind.AGREEMENT_SIGNED,
          member.id(),
          member.username(),
          null,
          client,
          "version " + version);
    }
  }
}
