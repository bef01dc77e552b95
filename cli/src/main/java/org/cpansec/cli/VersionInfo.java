package org.cpansec.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code cpansec --version}: the version Maven wrote into the jar's manifest. */
public final class VersionInfo implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"cpansec " + (v == null ? "(development build)" : v)};
  }
}
