/**
 * The two {@code @ZreListener} examples: typed JSON presence records on a group, and ping answered by return value.
 */
@NullMarked
package dev.zre.sample.presence;

import org.jspecify.annotations.NullMarked;
