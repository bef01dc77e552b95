package org.cpansec.server.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.UUID;
import org.cpansec.server.H2Server;
import org.cpansec.server.mailin.MailIntakePoller.PollResult;
import org.cpansec.server.mailin.MailIntakeStore.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code processed-folder} set, messages taken in leave the polled folder for that one
 * (created on first use), flagged {@code \Seen}; quarantined ones too, since they are stored.
 * Mailbox behaviour only, so H2 is enough; the database side is {@link MailIntakeContractTest}.
 */
@H2Server
class H2MailIntakeProcessedFolderTest {
  private static final int IMAP_PORT = MailIntakeContractTest.freePort();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry r) {
    r.add("cpansec.advisories.import-bundled", () -> "false");
    r.add("cpansec.mail-intake.enabled", () -> "true");
    r.add("cpansec.mail-intake.host", () -> "127.0.0.1");
    r.add("cpansec.mail-intake.port", () -> IMAP_PORT);
    r.add("cpansec.mail-intake.protocol", () -> "imap");
    r.add("cpansec.mail-intake.username", () -> "team");
    r.add("cpansec.mail-intake.password", () -> "secret");
    r.add("cpansec.mail-intake.processed-folder", () -> "Processed");
    r.add("cpansec.mail-intake.max-messages-per-poll", () -> "2");
    r.add("cpansec.mail-intake.poll-interval", () -> "PT1H");
  }

  @Autowired MailIntakePoller poller;
  GreenMail greenMail;
  GreenMailUser team;

  @BeforeEach
  void start() {
    greenMail = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    greenMail.start();
    team = greenMail.setUser("team@cpansec.test", "team", "secret");
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  @Test
  void takenMessagesMoveToTheProcessedFolderAndTheRestWaitsForTheNextPoll() throws Exception {
    String tag = UUID.randomUUID().toString();
    deliver(
        RawMail.from("ann@example.org", "One " + tag).messageId(tag + "-1@x").text("1").bytes());
    deliver(RawMail.bytes("Subject: no sender " + tag + "\nMessage-ID: <" + tag + "-2@x>\n\n2\n"));
    deliver(
        RawMail.from("ann@example.org", "Three " + tag).messageId(tag + "-3@x").text("3").bytes());

    PollResult first = poller.poll();
    assertThat(first.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(first.count(Outcome.QUARANTINED)).isEqualTo(1);
    assertThat(first.waiting()).isEqualTo(1);
    assertThat(folder("INBOX").getMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getMimeMessage().getSubject()).isEqualTo("Three " + tag);
              assertThat(m.isSet(Flags.Flag.SEEN)).isFalse();
            });
    assertThat(folder("Processed").getMessages())
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());

    PollResult second = poller.poll();
    assertThat(second.count(Outcome.REPORT)).isEqualTo(1);
    assertThat(second.waiting()).isZero();
    assertThat(folder("INBOX").getMessages()).isEmpty();
    assertThat(folder("Processed").getMessages()).hasSize(3);
  }

  @Test
  void anUnreachableMailboxFailsThatPollOnly() throws Exception {
    greenMail.stop();
    assertThatThrownBy(poller::poll).isInstanceOf(MessagingException.class);
    // The scheduled poll logs the failure and tries again next time.
    poller.scheduledPoll();
    greenMail.start();
    team = greenMail.setUser("team@cpansec.test", "team", "secret");
    String tag = UUID.randomUUID().toString();
    deliver(
        RawMail.from("ann@example.org", "Later " + tag).messageId(tag + "@x").text("1").bytes());
    assertThat(poller.poll().count(Outcome.REPORT)).isEqualTo(1);
  }

  private MailFolder folder(String name) throws Exception {
    var imap = greenMail.getManagers().getImapHostManager();
    return name.equals("INBOX") ? imap.getInbox(team) : imap.getFolder(team, name);
  }

  private void deliver(byte[] raw) {
    try {
      team.deliver(
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
