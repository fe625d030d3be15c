/**
 * A ZRE peer in a Docker container for Testcontainers tests: {@link dev.zre.testcontainers.ZreContainer}
 * runs an application that speaks ZRE and offers the sample app's REST API, so a test can watch what
 * the peer sees and make it join, leave, shout and whisper.
 */
@NullMarked
package dev.zre.testcontainers;

import org.jspecify.annotations.NullMarked;
