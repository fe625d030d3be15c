/** The ZRE v2 wire format: message codec and UDP beacon. */
@NullMarked
package dev.zre.protocol;

import org.jspecify.annotations.NullMarked;
