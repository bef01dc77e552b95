package org.cpansec.server.publication;

import org.cpansec.server.store.AdvisoryCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps each replica's copy of the advisory database current: a server that publishes reloads its
 * own copy at once; the others notice the change here, every {@code
 * cpansec.publication.catalog-refresh}, by comparing the CNA advisories' count and last change. Off
 * unless that key is set (one server needs no refresh).
 */
@Component
@ConditionalOnProperty("cpansec.publication.catalog-refresh")
class CatalogRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogRefresh.class);

  private final AdvisoryCatalog catalog;

  CatalogRefresh(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  @Scheduled(
      fixedDelayString = "${cpansec.publication.catalog-refresh}",
      initialDelayString = "${cpansec.publication.catalog-refresh}")
  void refresh() {
    try {
      if (catalog.refreshIfChanged()) {
        LOG.info("advisories published by another server: reloaded the advisory database");
      }
    } catch (RuntimeException e) {
      LOG.warn("could not check for advisories published by another server: {}", e.toString());
    }
  }
}
