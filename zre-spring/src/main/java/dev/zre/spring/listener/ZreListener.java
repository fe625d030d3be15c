package dev.zre.spring.listener;

import dev.zre.ZreEventType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that receives ZRE events. Each listener has a container in the
 * {@link ZreListenerRegistry} (start, stop, pause and resume it by {@link #id()} at run time): one or
 * more threads ({@link #concurrency()}) behind bounded queues (capacity and overflow policy are the
 * registry's; with Spring Boot, {@code zre.listener.*}). Events of one peer arrive in order. A
 * {@link ZreListenerAnnotationBeanPostProcessor} and a {@link ZreListenerRegistry} bean must be present.
 * The bean must be a singleton (lazy ones too: their listeners start when the bean is created).
 *
 * <pre>{@code
 * @ZreListener(groups = "${app.chat-group:chat}")
 * String onChat(ChatMessage message, ZrePeer from, @ZreGroup String group) {
 *     return "thanks";   // whispered back to the sender
 * }
 * }</pre>
 *
 * Method arguments are resolved by type and annotation:
 * <ul>
 * <li>{@link dev.zre.ZreEvent} or one of its records: the event ({@code null} if of another type)</li>
 * <li>{@link java.util.UUID}: the peer's UUID; {@link ZrePeer}: uuid, name, address and headers</li>
 * <li>{@code @}{@link ZreGroup} {@code String}: the group of a SHOUT, JOIN or LEAVE</li>
 * <li>{@code @}{@link ZreHeader} {@code String}: one header of the peer</li>
 * <li>{@link dev.zre.ZreNode}, {@link ZreEventType}: the node, the event's type</li>
 * <li>any other parameter (at most one): the payload, converted from the content frames by the
 * {@link dev.zre.spring.converter.ZreMessageConverter} ({@code null} for events without content)</li>
 * </ul>
 * Methods are invoked through spring-messaging's {@code MessageHandlerMethodFactory}, so
 * {@code @Payload} (with {@code @Valid} when the registry has a validator), {@code @Header("name")}
 * (a peer header or one of {@link ZreMessageHeaders}) and custom argument resolvers work too.
 * A non-null return value is converted and whispered back to the peer the event came from (to the
 * requester when the event was a {@link dev.zre.spring.core.ZreOperations#request request}), or
 * shouted to the groups of {@link ZreSendTo @ZreSendTo}; a returned {@code CompletableFuture} is sent
 * when it completes. An exception is retried when the registry has a retry policy, then goes to the
 * {@link #errorHandler() error handler}, and never stops delivery of the next event.
 * <p>For AOT and native images the annotation is {@code @Reflective}: the
 * {@link ZreListenerReflectiveProcessor} registers the method and its payload and return types.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ZreListenerReflectiveProcessor.class)  // AOT: the method, its payload and return types
public @interface ZreListener {

    /**
     * The id of the listener, used in thread names, logs and the {@code id} tag of the
     * {@code zre.listener} timer. Defaults to {@code SimpleClassName.method}. Supports
     * {@code ${...}} placeholders and SpEL {@code #{...}}.
     * @return the id
     */
    String id() default "";

    /**
     * The event types to receive. Defaults to SHOUT when {@link #groups()} are given, else SHOUT and
     * WHISPER.
     * @return the event types
     */
    ZreEventType[] events() default {};

    /**
     * Groups to receive SHOUT, JOIN and LEAVE events of; the node joins them when it starts. Events
     * without a group (WHISPER, ENTER, EXIT ...) are not filtered. Each value may be a
     * {@code ${...}} placeholder or SpEL expression resolving to a name, an array or a collection.
     * @return the groups, empty for all
     */
    String[] groups() default {};

    /**
     * Bean name of a {@link ZreListenerErrorHandler} for this listener; the registry's default one
     * (with Spring Boot, the bean {@code zreListenerErrorHandler}) when empty. Supports placeholders.
     * @return the bean name
     */
    String errorHandler() default "";

    /**
     * Whether the listener starts with the registry ({@code "true"}, the default) or waits for
     * {@code registry.getListenerContainer(id).start()}. Supports placeholders and SpEL.
     * @return {@code "true"}, {@code "false"} or an expression; empty for true
     */
    String autoStartup() default "";

    /**
     * How many threads run this listener (default 1). Events are partitioned by peer, so the events of
     * one peer are still handled in order, by one thread; events of different peers run in parallel.
     * Supports placeholders and SpEL.
     * @return a positive number or an expression; empty for 1
     */
    String concurrency() default "";

}
