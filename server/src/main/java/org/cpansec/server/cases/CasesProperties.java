package org.cpansec.server.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the cases ({@code cpansec.cases.*}, documented in docs/server.md): where case
 * attachments are stored (a directory outside the web root; created with the first file, owner-only
 * permissions where the file system has them), the largest attachment, and how many cases a list
 * shows at most.
 */
@Validated
@ConfigurationProperties("cpansec.cases")
public record CasesProperties(
    @DefaultValue("./data/attachments") @NotNull Path attachmentDir,
    @DefaultValue("10MB") @NotNull DataSize maxAttachmentSize,
    @DefaultValue("200") @Min(10) @Max(1000) int maxListed) {}
