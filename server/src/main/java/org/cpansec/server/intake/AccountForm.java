package org.cpansec.server.intake;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A compromised PAUSE account: the CPAN id and the evidence (CPANSEC-PROCESS.md §1). */
public record AccountForm(
    @NotBlank(message = "Give the CPAN id (PAUSE login), e.g. DAGOLDEN.")
        @Size(max = 40)
        @Pattern(
            regexp = "^$|[A-Za-z][A-Za-z0-9-]*",
            message = "A CPAN id has letters, digits and - only.")
        String pauseId,
    @NotBlank(message = "Describe the evidence that the account is compromised.")
        @Size(max = 20000, message = "At most 20,000 characters.")
        String evidence,
    @Size(max = 200) String name,
    @Email(message = "This does not look like an e-mail address.") @Size(max = 320) String email,
    Boolean secretsChecked) {

  /** An unticked checkbox sends nothing: absent means false. */
  public AccountForm {
    secretsChecked = Boolean.TRUE.equals(secretsChecked);
  }

  public static AccountForm empty() {
    return new AccountForm(null, null, null, null, false);
  }
}
