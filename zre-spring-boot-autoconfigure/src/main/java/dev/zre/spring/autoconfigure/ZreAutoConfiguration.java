package dev.zre.spring.autoconfigure;

import dev.zre.ZreNode;
import dev.zre.spring.converter.JacksonZreMessageConverter;
import dev.zre.spring.converter.SimpleZreMessageConverter;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreNodeLifecycle;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.core.ZreSendInterceptor;
import dev.zre.spring.core.ZreTemplate;
import dev.zre.spring.event.ZreApplicationEventBridge;
import dev.zre.spring.listener.DeadLetterZreListenerErrorHandler;
import dev.zre.spring.listener.LoggingZreListenerErrorHandler;
import dev.zre.spring.listener.ZreListenerAnnotationBeanPostProcessor;
import dev.zre.spring.listener.ZreListenerErrorHandler;
import dev.zre.spring.listener.ZreListenerInterceptor;
import dev.zre.spring.listener.ZreListenerObserver;
import dev.zre.spring.listener.ZreListenerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of a ZRE
 * node: the {@link ZreNode} and its lifecycle, the {@link ZreTemplate}, {@code @ZreListener}
 * support and the bridge to Spring application events. {@code zre.enabled=false} turns it off.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(ZreNode.class)
@ConditionalOnBooleanProperty(name = "zre.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ ZreProperties.class, ZreSecurityProperties.class })
public final class ZreAutoConfiguration {

    /** Name of the bean that finds {@code @ZreListener} methods. */
    public static final String LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME = "zreListenerAnnotationBeanPostProcessor";

    /** Name of the executor that runs the listener threads. */
    public static final String LISTENER_TASK_EXECUTOR_BEAN_NAME = "zreListenerTaskExecutor";

    private static final String DEFAULT_VALIDATOR_BEAN_NAME = "defaultValidator";

    ZreAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZreNode zreNode(ZreProperties properties, ZreSecurityProperties security, Environment environment,
            ObjectProvider<ZreNodeCustomizer> customizers) {
        List<ZreNodeCustomizer> all = new ArrayList<>();
        all.add((builder) -> builder.security(ZreSecurityFactory.create(security))); // customizers may override
        all.addAll(customizers.orderedStream().toList());
        return new ZreNode(new ZreConfigFactory(properties, environment, all).create());
    }

    @Bean
    @ConditionalOnMissingBean
    ZreNodeLifecycle zreNodeLifecycle(ZreNode zreNode, ZreProperties properties) {
        if (properties.getLeaveGracePeriod().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("zre.leave-grace-period",
                    properties.getLeaveGracePeriod(),
                    "'" + properties.getLeaveGracePeriod() + "' is not allowed; expected a duration of zero or more");
        }
        return new ZreNodeLifecycle(zreNode, properties.isFailOnStartError(), properties.getLeaveGracePeriod(),
                ZreSettingProperties::translate);
    }

    @Bean
    @ConditionalOnMissingBean(ZreOperations.class)
    ZreTemplate zreTemplate(ZreNode zreNode, ZreMessageConverter zreMessageConverter,
            ObjectProvider<ZreSendInterceptor> interceptor) {
        ZreTemplate template = new ZreTemplate(zreNode, zreMessageConverter);
        interceptor.ifUnique(template::setInterceptor); // observation, see ZreObservationAutoConfiguration
        return template;
    }

    @Bean(name = LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
    static ZreListenerAnnotationBeanPostProcessor zreListenerAnnotationBeanPostProcessor() {
        return new ZreListenerAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    ZreListenerErrorHandler zreListenerErrorHandler(ZreNode zreNode, ZreProperties properties) {
        ZreProperties.Listener.DeadLetter deadLetter = properties.getListener().getDeadLetter();
        if (deadLetter.getGroup() != null && deadLetter.getPeer() != null) {
            throw new InvalidConfigurationPropertyValueException("zre.listener.dead-letter.peer",
                    deadLetter.getPeer(), "'zre.listener.dead-letter.group' is set too; expected one of them");
        }
        if (deadLetter.getGroup() != null || deadLetter.getPeer() != null) {
            return new DeadLetterZreListenerErrorHandler(zreNode, deadLetter.getGroup(), deadLetter.getPeer(),
                    new LoggingZreListenerErrorHandler());
        }
        return new LoggingZreListenerErrorHandler();
    }

    /**
     * The listener threads: a new thread per container partition, virtual when
     * {@code spring.threads.virtual.enabled} (not Boot's pooled {@code applicationTaskExecutor}: a
     * listener holds its thread for as long as it runs, which would starve a bounded pool).
     */
    @Bean(name = LISTENER_TASK_EXECUTOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = LISTENER_TASK_EXECUTOR_BEAN_NAME)
    SimpleAsyncTaskExecutor zreListenerTaskExecutor(Environment environment) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("zre-listener-");
        executor.setDaemon(true);
        executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
        return executor;
    }

    @Bean
    @ConditionalOnMissingBean
    ZreListenerRegistry zreListenerRegistry(ZreNode zreNode, ZreMessageConverter zreMessageConverter,
            ZreListenerErrorHandler zreListenerErrorHandler, ObjectProvider<ZreListenerObserver> observers,
            ZreProperties properties, @Qualifier(LISTENER_TASK_EXECUTOR_BEAN_NAME) Executor zreListenerTaskExecutor,
            ObjectProvider<Validator> validators, ObjectProvider<ZreListenerRegistryCustomizer> customizers,
            ObjectProvider<ZreListenerInterceptor> interceptor, BeanFactory beanFactory) {
        ZreProperties.Listener listener = checkedListenerProperties(properties);
        Supplier<ZreListenerObserver> observer = () -> {
            List<ZreListenerObserver> all = observers.orderedStream().toList();
            return (id, event, nanos, failure) -> all.forEach((o) -> o.invoked(id, event, nanos, failure));
        };
        ZreListenerRegistry registry = new ZreListenerRegistry(zreNode, zreMessageConverter, zreListenerErrorHandler,
                observer, listener.getQueueCapacity(), listener.getOverflowPolicy(), listener.getShutdownTimeout());
        registry.setTaskExecutor(zreListenerTaskExecutor);
        registry.setRetryPolicy(retryPolicy(listener.getRetry()));
        Validator validator = validators.getIfUnique();
        if (validator == null && beanFactory.containsBean(DEFAULT_VALIDATOR_BEAN_NAME)) {
            // a web application has Boot's 'defaultValidator' and MVC's 'mvcValidator' (which wraps it)
            validator = beanFactory.getBean(DEFAULT_VALIDATOR_BEAN_NAME, Validator.class);
        }
        registry.setValidator(validator);
        interceptor.ifUnique(registry::setInterceptor); // observation, see ZreObservationAutoConfiguration
        customizers.orderedStream().forEach((customizer) -> customizer.customize(registry));
        return registry;
    }

    private static @Nullable RetryPolicy retryPolicy(ZreProperties.Listener.Retry retry) {
        if (retry.getMaxAttempts() < 1) {
            throw new InvalidConfigurationPropertyValueException("zre.listener.retry.max-attempts",
                    retry.getMaxAttempts(),
                    "'" + retry.getMaxAttempts() + "' is not allowed; expected a number of at least 1");
        }
        if (retry.getMultiplier() < 1) {
            throw new InvalidConfigurationPropertyValueException("zre.listener.retry.multiplier",
                    retry.getMultiplier(), "'" + retry.getMultiplier() + "' is not allowed; expected 1 or more");
        }
        if (retry.getMaxAttempts() == 1) {
            return null;
        }
        return RetryPolicy.builder()
            .maxRetries(retry.getMaxAttempts() - 1)
            .delay(retry.getDelay())
            .multiplier(retry.getMultiplier())
            .maxDelay(retry.getMaxDelay())
            .build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "zre.application-events.enabled", matchIfMissing = true)
    ZreApplicationEventBridge zreApplicationEventBridge(ZreNode zreNode, ApplicationEventPublisher publisher,
            ZreProperties properties) {
        ZreProperties.Listener listener = checkedListenerProperties(properties);
        return new ZreApplicationEventBridge(zreNode, publisher, listener.getQueueCapacity(),
                listener.getOverflowPolicy(), listener.getShutdownTimeout());
    }

    private static ZreProperties.Listener checkedListenerProperties(ZreProperties properties) {
        ZreProperties.Listener listener = properties.getListener();
        if (listener.getQueueCapacity() < 1) {
            throw new InvalidConfigurationPropertyValueException("zre.listener.queue-capacity",
                    listener.getQueueCapacity(),
                    "'" + listener.getQueueCapacity() + "' is not allowed; expected a number of at least 1");
        }
        if (listener.getShutdownTimeout().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("zre.listener.shutdown-timeout",
                    listener.getShutdownTimeout(),
                    "'" + listener.getShutdownTimeout() + "' is not allowed; expected a duration of zero or more");
        }
        return listener;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonMessageConverterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZreMessageConverter zreMessageConverter(ObjectProvider<JsonMapper> jsonMapper) {
            return new JacksonZreMessageConverter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
    static class SimpleMessageConverterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZreMessageConverter zreMessageConverter() {
            return new SimpleZreMessageConverter();
        }

    }

}
