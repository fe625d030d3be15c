/**
 * Micrometer meters of the ZRE node and its listeners.
 */
@NullMarked
package dev.zre.spring.actuate.metrics;

import org.jspecify.annotations.NullMarked;
