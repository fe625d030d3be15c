/**
 * Auto-configuration of Spring Integration leadership over ZRE's leader election.
 */
@NullMarked
package dev.zre.spring.autoconfigure.leader;

import org.jspecify.annotations.NullMarked;
