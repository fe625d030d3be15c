/**
 * Ahead-of-time (AOT) and GraalVM native image support: hints for the types applications commonly
 * serialize. Hints for {@code @ZreListener} methods come from
 * {@link dev.zre.spring.listener.ZreListenerReflectiveProcessor}.
 */
@NullMarked
package dev.zre.spring.aot;

import org.jspecify.annotations.NullMarked;
