/**
 * The registry of manifest extractors ({@link org.cpansec.manifest.detect.Extractors}, a plain
 * list) and the {@link org.cpansec.manifest.detect.ManifestDetector} that finds the manifests of a
 * project directory.
 *
 * <p>Depends on {@code org.cpansec.manifest} and each of its format sub-packages.
 */
package org.cpansec.manifest.detect;
