/**
 * The {@code zre} actuator endpoint: node, peers and groups, with sanitized header values.
 */
@NullMarked
package dev.zre.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
