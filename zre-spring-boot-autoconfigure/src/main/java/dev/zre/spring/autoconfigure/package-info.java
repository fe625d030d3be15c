/**
 * Auto-configuration of a ZRE node, its properties and customizers.
 */
@NullMarked
package dev.zre.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
