/**
 * Auto-configuration of the ZRE discovery client and its {@code zre.cloud.discovery.*} properties.
 */
@NullMarked
package dev.zre.spring.cloud.discovery.autoconfigure;

import org.jspecify.annotations.NullMarked;
