/**
 * The benchmark scenarios (discovery, throughput, latency, memory, listener dispatch) and their report.
 */
@NullMarked
package dev.zre.benchmarks;

import org.jspecify.annotations.NullMarked;
