/**
 * Auto-configuration of the {@code zre} health indicator.
 */
@NullMarked
package dev.zre.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
