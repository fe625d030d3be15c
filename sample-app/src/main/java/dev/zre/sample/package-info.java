/**
 * The ZRE sample application: a web page over a ZRE node, with a small REST API and live events.
 */
@NullMarked
package dev.zre.sample;

import org.jspecify.annotations.NullMarked;
