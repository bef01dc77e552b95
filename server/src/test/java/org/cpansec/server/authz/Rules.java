package org.cpansec.server.authz;

import java.util.HashSet;
import java.util.Set;

/** What ADR 0008 lets a viewer see of a case through one kind of route, field by field. */
final class Rules {
  static final Set<String> ALL = Set.copyOf(MatrixCase.FIELDS);
  static final Set<String> NONE = Set.of();

  private Rules() {}

  /**
   * The canary fields of case {@code d} this viewer may receive from a route of this kind, when the
   * probe was filled from case {@code probed} (null: a probe of no case).
   */
  static Set<String> allowed(
      Routes.Kind kind, Who v, MatrixCase probed, String probe, MatrixCase d) {
    return switch (kind) {
      case PUBLIC, PUBLIC_API, ACCOUNT, ADMIN -> NONE;
      case WORKSPACE, CNA_ACTION, CASE_READ, CASE_MEMBER_WRITE, CASE_AUTHOR_WRITE, CASE_CNA_WRITE ->
          v.sees(d) ? ALL : NONE;
      case EXTERNAL ->
          d.equals(probed) && !probe.contains("{revoked}") ? MatrixCase.EXTERNAL_VIEW : NONE;
      case TRACKING -> d.equals(probed) ? MatrixCase.TRACKING_VIEW : NONE;
    };
  }

  /** Whether the viewer may use a route that changes something (POST) on this case. */
  static boolean mayChange(Routes.Kind kind, Who v, MatrixCase c, Who author) {
    return switch (kind) {
      case PUBLIC, PUBLIC_API -> true;
      case TRACKING, EXTERNAL -> true; // the token decides: see the refused tokens
      case ACCOUNT -> v.member();
      case WORKSPACE, CASE_READ -> v.sees(c);
      case CNA_ACTION -> v.cna();
      case CASE_MEMBER_WRITE -> v.sees(c);
      case CASE_AUTHOR_WRITE -> v.sees(c) && v.equals(author);
      case CASE_CNA_WRITE -> v.sees(c) && v.cna();
      case ADMIN -> v.admin() && v.signed();
    };
  }

  /** The fields of {@code d} the viewer received and may not have. */
  static Set<String> leaked(Set<String> received, Set<String> allowed) {
    Set<String> leaked = new HashSet<>(received);
    leaked.removeAll(allowed);
    return leaked;
  }
}
