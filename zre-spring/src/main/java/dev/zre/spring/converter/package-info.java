/**
 * Conversion between content frames and application payloads.
 */
@NullMarked
package dev.zre.spring.converter;

import org.jspecify.annotations.NullMarked;
