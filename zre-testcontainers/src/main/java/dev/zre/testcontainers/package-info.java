/**
 * A ZRE peer in a Docker container for Testcontainers tests: {@link dev.zre.testcontainers.ZreContainer}
 * runs an application that speaks ZRE and offers the sample app's REST API (image:
 * {@link dev.zre.testcontainers.ZreAppImage}); {@link dev.zre.testcontainers.ZreApi} reads what the
 * peer sees and makes it join, leave, shout and whisper; {@link dev.zre.testcontainers.ZreAwait}
 * waits for it; {@link dev.zre.testcontainers.ZreFaults} pauses, kills and partitions it.
 */
@NullMarked
package dev.zre.testcontainers;

import org.jspecify.annotations.NullMarked;
