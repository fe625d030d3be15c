/**
 * Sending through ZRE ({@link dev.zre.spring.core.ZreOperations}) and the node's lifecycle in an application context.
 */
@NullMarked
package dev.zre.spring.core;

import org.jspecify.annotations.NullMarked;
