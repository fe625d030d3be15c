/** A user's application with a {@code @ZreListener}, tested with zre-spring-boot-test. */
@NullMarked
package dev.zre.example.greeter;

import org.jspecify.annotations.NullMarked;
