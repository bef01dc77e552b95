package org.cpansec.cve.lint;

import java.util.List;
import org.cpansec.cve.record.LoadedRecord;

/** One lint rule over a schema-valid record. */
@FunctionalInterface
public interface LintRule {
  List<LintFinding> check(LoadedRecord record);
}
