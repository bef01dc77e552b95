/**
 * JMH benchmarks of the domain library. Run with {@code java -jar bench/target/benchmarks.jar}.
 *
 * <p>Depends on {@code core} and JMH only.
 */
package org.cpansec.bench;
