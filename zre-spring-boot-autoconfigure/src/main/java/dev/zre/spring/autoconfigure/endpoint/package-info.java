/**
 * Auto-configuration of the {@code zre} actuator endpoint.
 */
@NullMarked
package dev.zre.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
