package dev.zre.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code String} parameter of a {@link ZreListener} method to one header the sending peer
 * announced in its HELLO ({@code null} when absent).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ZreHeader {

    /**
     * The header name.
     * @return the name
     */
    String value();

}
