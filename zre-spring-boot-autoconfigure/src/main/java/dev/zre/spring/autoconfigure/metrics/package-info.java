/**
 * Auto-configuration of the ZRE meters.
 */
@NullMarked
package dev.zre.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
