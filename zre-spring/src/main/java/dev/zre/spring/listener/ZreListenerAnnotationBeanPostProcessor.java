package dev.zre.spring.listener;

import dev.zre.ZreEventType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link ZreListener} methods on every bean, resolves their attributes ({@code ${...}}
 * placeholders, then SpEL) and registers them with the {@link ZreListenerRegistry}: those of the
 * singletons created at startup once all of them exist, those of beans created later (lazy singletons)
 * when they are created. Listeners on beans of any other scope (prototype, request ...) fail startup,
 * because every instance would be another listener with the same id.
 */
public class ZreListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

    private @Nullable ConfigurableBeanFactory beanFactory;

    private @Nullable BeanExpressionContext expressionContext;

    private final List<ZreListenerEndpoint> endpoints = new ArrayList<>();

    private final Set<String> ids = new LinkedHashSet<>();

    /** Set once all singletons exist: from then on listeners register as their beans are created. */
    private volatile @Nullable ZreListenerRegistry registry;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            this.beanFactory = configurable;
            this.expressionContext = new BeanExpressionContext(configurable, null);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, ZreListener> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<ZreListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, ZreListener.class));
        if (methods.isEmpty()) {
            return bean;
        }
        checkSingleton(beanName, targetClass);
        synchronized (this) {
            methods.forEach((method, annotation) -> {
                Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
                ZreListenerEndpoint endpoint = endpoint(bean, targetClass, invocable, annotation);
                ZreListenerRegistry current = this.registry;
                if (current != null) {
                    current.register(endpoint, errorHandler(endpoint));
                }
                else {
                    this.endpoints.add(endpoint);
                }
            });
        }
        return bean;
    }

    private void checkSingleton(String beanName, Class<?> targetClass) {
        if (this.beanFactory instanceof ConfigurableListableBeanFactory listable
                && listable.containsBeanDefinition(beanName)) {
            BeanDefinition definition = listable.getMergedBeanDefinition(beanName);
            Assert.state(definition.isSingleton(), () -> notSingleton(beanName, targetClass, definition));
        }
    }

    private static String notSingleton(String beanName, Class<?> type, BeanDefinition definition) {
        return "@ZreListener methods need a singleton bean, but bean '" + beanName + "' (" + type.getName()
                + ") has scope '" + definition.getScope() + "': each instance would be another listener. "
                + "Make it a singleton (it may be @Lazy) or move the listener to one";
    }

    private ZreListenerEndpoint endpoint(Object bean, Class<?> targetClass, Method method, ZreListener annotation) {
        String id = resolveString(annotation.id());
        if (!StringUtils.hasText(id)) {
            id = uniqueId(targetClass.getSimpleName() + "." + method.getName());
        }
        else {
            Assert.state(this.ids.add(id), "Duplicate @ZreListener id '" + id + "' on " + method);
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String group : annotation.groups()) {
            addGroups(groups, resolve(group), method);
        }
        Set<ZreEventType> events = (annotation.events().length > 0) ? EnumSet.copyOf(List.of(annotation.events()))
                : groups.isEmpty() ? EnumSet.of(ZreEventType.SHOUT, ZreEventType.WHISPER)
                        : EnumSet.of(ZreEventType.SHOUT);
        String errorHandler = resolveString(annotation.errorHandler());
        String autoStartup = resolveString(annotation.autoStartup());
        String concurrency = resolveString(annotation.concurrency());
        Set<String> sendTo = new LinkedHashSet<>();
        for (String group : sendToGroups(method)) {
            addGroups(sendTo, resolve(group), method);
        }
        return new ZreListenerEndpoint(id, bean, method, events, groups,
                StringUtils.hasText(errorHandler) ? errorHandler : null,
                !StringUtils.hasText(autoStartup) || Boolean.parseBoolean(autoStartup.trim()),
                concurrency(concurrency, id, method), sendTo);
    }

    private static int concurrency(String value, String id, Method method) {
        if (!StringUtils.hasText(value)) {
            return 1;
        }
        try {
            int concurrency = Integer.parseInt(value.trim());
            if (concurrency > 0) {
                return concurrency;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalStateException("@ZreListener '" + id + "' on " + method + " has concurrency '" + value
                + "'; expected a positive number");
    }

    /** The groups of {@code @ZreSendTo}, else of spring-messaging's {@code @SendTo}. */
    private static String[] sendToGroups(Method method) {
        ZreSendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, ZreSendTo.class);
        if (sendTo != null) {
            return sendTo.value();
        }
        SendTo messagingSendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
        return (messagingSendTo != null) ? messagingSendTo.value() : new String[0];
    }

    private String uniqueId(String base) {
        String id = base;
        for (int i = 2; !this.ids.add(id); i++) {
            id = base + "#" + i;
        }
        return id;
    }

    private void addGroups(Set<String> groups, @Nullable Object value, Method method) {
        if (value instanceof String text) {
            for (String group : StringUtils.commaDelimitedListToStringArray(text)) {
                if (StringUtils.hasText(group)) {
                    groups.add(group.trim());
                }
            }
        }
        else if (value instanceof Object[] array) {
            for (Object element : array) {
                addGroups(groups, element, method);
            }
        }
        else if (value instanceof Collection<?> collection) {
            collection.forEach((element) -> addGroups(groups, element, method));
        }
        else if (value != null) {
            throw new IllegalStateException("@ZreListener groups on " + method + " resolved to " + value.getClass()
                    + "; expected a String, an array or a collection");
        }
    }

    private String resolveString(String value) {
        Object resolved = resolve(value);
        return (resolved != null) ? resolved.toString() : "";
    }

    private @Nullable Object resolve(String value) {
        if (this.beanFactory == null || !StringUtils.hasText(value)) {
            return value;
        }
        String placeholdersResolved = this.beanFactory.resolveEmbeddedValue(value);
        BeanExpressionResolver resolver = this.beanFactory.getBeanExpressionResolver();
        if (resolver == null || this.expressionContext == null) {
            return placeholdersResolved;
        }
        return resolver.evaluate(placeholdersResolved, this.expressionContext);
    }

    private @Nullable ZreListenerErrorHandler errorHandler(ZreListenerEndpoint endpoint) {
        String name = endpoint.errorHandler();
        if (name == null || this.beanFactory == null) {
            return null;
        }
        try {
            return this.beanFactory.getBean(name, ZreListenerErrorHandler.class);
        }
        catch (BeansException ex) {
            throw new IllegalStateException("@ZreListener '" + endpoint.id() + "' on " + endpoint.method()
                    + " names error handler '" + name + "', but there is no ZreListenerErrorHandler bean of that name",
                    ex);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        Assert.state(this.beanFactory != null, "No bean factory");
        checkNoListenersOnOtherScopes();
        ZreListenerRegistry registry = this.beanFactory.getBeanProvider(ZreListenerRegistry.class).getIfAvailable();
        synchronized (this) {
            if (registry == null) {
                Assert.state(this.endpoints.isEmpty(), () -> "@ZreListener methods were found (" + this.endpoints
                    .get(0)
                    .method() + " ...) but there is no ZreListenerRegistry bean");
                return;
            }
            for (ZreListenerEndpoint endpoint : this.endpoints) {
                registry.register(endpoint, errorHandler(endpoint));
            }
            this.endpoints.clear();
            this.registry = registry;
        }
    }

    /** Prototype (and other non-singleton) beans are never created at startup: find their listeners here. */
    private void checkNoListenersOnOtherScopes() {
        if (!(this.beanFactory instanceof ConfigurableListableBeanFactory listable)) {
            return;
        }
        for (String name : listable.getBeanDefinitionNames()) {
            BeanDefinition definition = listable.getMergedBeanDefinition(name);
            if (definition.isSingleton() || definition.isAbstract()) {
                continue;
            }
            Class<?> type = listable.getType(name, false);
            if (type != null && !MethodIntrospector
                .selectMethods(type,
                        (MethodIntrospector.MetadataLookup<ZreListener>) (method) -> AnnotatedElementUtils
                            .findMergedAnnotation(method, ZreListener.class))
                .isEmpty()) {
                throw new IllegalStateException(notSingleton(name, type, definition));
            }
        }
    }

}
