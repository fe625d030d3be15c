package dev.zre.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shouts the return value of a {@link ZreListener} method to groups instead of whispering it back to
 * the sender. spring-messaging's {@code @SendTo} is honoured the same way. A request (see
 * {@link dev.zre.spring.core.ZreOperations#request}) is always answered to its requester.
 *
 * <pre>{@code
 * @ZreListener(groups = "orders")
 * @ZreSendTo("receipts")
 * Receipt onOrder(Order order) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ZreSendTo {

    /**
     * The groups to shout the return value to. Supports {@code ${...}} placeholders and SpEL.
     * @return the groups
     */
    String[] value();

}
