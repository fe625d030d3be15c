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
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link ZreListener} methods on every bean, resolves their attributes ({@code ${...}}
 * placeholders, then SpEL) and registers them with the {@link ZreListenerRegistry} once all
 * singletons exist.
 */
public class ZreListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

    private @Nullable ConfigurableBeanFactory beanFactory;

    private @Nullable BeanExpressionContext expressionContext;

    private final List<ZreListenerEndpoint> endpoints = new ArrayList<>();

    private final Set<String> ids = new LinkedHashSet<>();

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
        methods.forEach((method, annotation) -> {
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            this.endpoints.add(endpoint(bean, targetClass, invocable, annotation));
        });
        return bean;
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
        return new ZreListenerEndpoint(id, bean, method, events, groups,
                StringUtils.hasText(errorHandler) ? errorHandler : null);
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
        if (this.endpoints.isEmpty()) {
            return;
        }
        Assert.state(this.beanFactory != null, "No bean factory");
        ZreListenerRegistry registry = this.beanFactory.getBean(ZreListenerRegistry.class);
        for (ZreListenerEndpoint endpoint : this.endpoints) {
            registry.register(endpoint, errorHandler(endpoint));
        }
        this.endpoints.clear();
    }

}
