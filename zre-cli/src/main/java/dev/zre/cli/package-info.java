/**
 * The {@code zre} command line tool: {@code shell}, {@code cat}, {@code monitor}, {@code time} and
 * {@code send} on top of {@link dev.zre.ZreNode}, with a JSON-lines mode that test drivers use
 * (see the module's README for the schema).
 */
@NullMarked
package dev.zre.cli;

import org.jspecify.annotations.NullMarked;
