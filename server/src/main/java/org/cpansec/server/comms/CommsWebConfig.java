package org.cpansec.server.comms;

import org.cpansec.server.account.CurrentMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link CasePageInterceptor} on the case pages, the case list and the external view. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class CommsWebConfig implements WebMvcConfigurer {
  private final ObjectProvider<CurrentMember> currentMember;
  private final CasePanels panels;

  CommsWebConfig(ObjectProvider<CurrentMember> currentMember, CasePanels panels) {
    this.currentMember = currentMember;
    this.panels = panels;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new CasePageInterceptor(currentMember, panels))
        .addPathPatterns("/cna/cases", "/cna/cases/**", "/case/**");
  }
}
