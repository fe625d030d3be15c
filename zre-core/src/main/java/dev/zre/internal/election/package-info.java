/**
 * zyre's leader election (ELECT/LEADER, an echo wave in which the lowest contesting id wins) as a
 * socket-free, thread-free state machine the node actor drives. Not API: may change in any release.
 */
@NullMarked
package dev.zre.internal.election;

import org.jspecify.annotations.NullMarked;
