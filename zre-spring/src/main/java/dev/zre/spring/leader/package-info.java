/**
 * Spring Integration's leadership API ({@code Candidate}, {@code OnGrantedEvent}, {@code OnRevokedEvent})
 * over ZRE's leader election per group.
 */
@NullMarked
package dev.zre.spring.leader;

import org.jspecify.annotations.NullMarked;
