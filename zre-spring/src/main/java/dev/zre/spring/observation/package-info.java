/**
 * Micrometer Observation of {@code @ZreListener} invocations and {@code ZreTemplate} sends, with
 * replaceable conventions, and the opt-in trace frame that carries the trace context between nodes.
 */
@NullMarked
package dev.zre.spring.observation;

import org.jspecify.annotations.NullMarked;
