/**
 * JMH benchmarks of the domain library. Run them from the shaded jar, for example {@code java -jar
 * bench/target/benchmarks.jar VersionBench -f 1 -t 1}; record every figure with its command in
 * {@code docs/BENCHMARKS.md}.
 *
 * <p>Depends on {@code core} and JMH only.
 */
package org.cpansec.bench;
