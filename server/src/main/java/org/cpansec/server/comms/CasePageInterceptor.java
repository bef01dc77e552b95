package org.cpansec.server.comms;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adds this package's panels to pages the cases package renders, after its controller has read the
 * case for the viewer (a case the viewer may not see never gets this far: its controller answers
 * 404 first) and before the view is rendered:
 *
 * <ul>
 *   <li>{@code cases/case} (model {@code c}, the case): {@code comms}, a {@link CasePanels.Panel};
 *   <li>{@code cases/list} (model {@code cases}): {@code dueMarks}, the overdue and due-soon
 *       markers by case id;
 *   <li>{@code external/case} (model {@code token}): {@code extensionPanel}, the maintainer's
 *       requests and form.
 * </ul>
 *
 * The panels check the viewer again themselves ({@link CasePanels}); the templates show them only
 * when present.
 */
class CasePageInterceptor implements HandlerInterceptor {
  private final ObjectProvider<CurrentMember> currentMember;
  private final CasePanels panels;

  CasePageInterceptor(ObjectProvider<CurrentMember> currentMember, CasePanels panels) {
    this.currentMember = currentMember;
    this.panels = panels;
  }

  @Override
  public void postHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
    if (mav == null || mav.getViewName() == null) {
      return;
    }
    Map<String, Object> model = mav.getModel();
    switch (mav.getViewName()) {
      case "cases/case" -> {
        if (model.get("c") instanceof CaseRecord c) {
          panels.forCase(c, viewer()).ifPresent(p -> model.put("comms", p));
        }
      }
      case "cases/list" -> {
        if (model.get("cases") instanceof List<?> listed) {
          List<CaseRecord> cases =
              listed.stream()
                  .filter(CaseRecord.class::isInstance)
                  .map(CaseRecord.class::cast)
                  .toList();
          model.put("dueMarks", panels.marks(cases, viewer()));
        }
      }
      case "external/case" -> {
        if (model.get("token") instanceof String token) {
          panels.forExternal(token).ifPresent(p -> model.put("extensionPanel", p));
        }
      }
      default -> {
        // Not a page this package adds to.
      }
    }
  }

  private Viewer viewer() {
    CurrentMember cm = currentMember.getIfAvailable();
    return cm == null ? Viewer.anonymous() : Viewer.of(cm.get());
  }
}
