package dev.zre.spring;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The failure report Boot prints when a context fails to start: the first answer of the failure
 * analyzers registered in {@code META-INF/spring.factories} (Boot's and ours), tried in order, as
 * Boot's {@code FailureAnalyzers} does. Add {@link #initializer()} to a context runner so the report
 * sees the context's environment (the origin of a property).
 */
public final class FailureReport {

    private final AtomicReference<@Nullable ConfigurableEnvironment> environment = new AtomicReference<>();

    /** Captures the environment of each context it initializes. */
    public ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return (context) -> this.environment.set(context.getEnvironment());
    }

    /**
     * The analysis of a startup failure.
     * @param failure the context's startup failure
     * @return the analysis, never {@code null} (the test fails when no analyzer explains it)
     */
    public FailureAnalysis of(Throwable failure) {
        ConfigurableEnvironment env = this.environment.get();
        if (env == null) {
            throw new AssertionError("add FailureReport.initializer() to the context runner");
        }
        ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
            .and(Environment.class, env);
        // like Boot, skip analyzers that cannot be created on this classpath (e.g. without Bean Validation)
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader
            .forDefaultResourceLocation(FailureReport.class.getClassLoader())
            .load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, ex) -> {
            }));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("No failure analyzer explains " + failure, failure);
    }

}
