/**
 * {@code @ZreListener} methods: discovery, per-listener containers with bounded hand-off, argument resolution and error handling.
 */
@NullMarked
package dev.zre.spring.listener;

import org.jspecify.annotations.NullMarked;
