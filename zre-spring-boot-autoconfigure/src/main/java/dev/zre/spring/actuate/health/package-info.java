/**
 * Health of the ZRE node.
 */
@NullMarked
package dev.zre.spring.actuate.health;

import org.jspecify.annotations.NullMarked;
