/** Calling another instance by service name, found through ZRE. */
@NullMarked
package dev.zre.sample.discovery;

import org.jspecify.annotations.NullMarked;
