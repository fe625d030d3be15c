/** Beacon discovery: interface selection and the UDP beacon channels. */
@NullMarked
package dev.zre.discovery;

import org.jspecify.annotations.NullMarked;
