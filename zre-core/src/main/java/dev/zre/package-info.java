/**
 * The public API of the ZRE engine: {@link dev.zre.ZreNode}, {@link dev.zre.ZreConfig},
 * {@link dev.zre.ZreEvent} and the peer snapshots and statistics.
 */
@NullMarked
package dev.zre;

import org.jspecify.annotations.NullMarked;
