package dev.zre.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.spring.FailureReport;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.listener.DeadLetterZreListenerErrorHandler;
import dev.zre.spring.listener.LoggingZreListenerErrorHandler;
import dev.zre.spring.listener.ZreListenerErrorHandler;
import dev.zre.spring.listener.ZreListenerRegistry;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;

/**
 * The listener side of the auto-configuration: executor, retry and dead-letter properties, customizers.
 */
class ZreListenerAutoConfigurationTests {

    private final FailureReport failureReport = new FailureReport();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("listeners", ZreTestProperties.randomBeaconPort()))
        .withInitializer(this.failureReport.initializer());

    @Test
    void listenerThreadsComeFromTheirOwnExecutorAndErrorsAreLoggedByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasBean(ZreAutoConfiguration.LISTENER_TASK_EXECUTOR_BEAN_NAME);
            assertThat(context.getBean(ZreAutoConfiguration.LISTENER_TASK_EXECUTOR_BEAN_NAME))
                .isInstanceOf(SimpleAsyncTaskExecutor.class);
            assertThat(context.getBean(ZreListenerErrorHandler.class)).isInstanceOf(LoggingZreListenerErrorHandler.class);
        });
    }

    @Test
    void anExecutorOfThatNameReplacesIt() {
        this.runner.withBean(ZreAutoConfiguration.LISTENER_TASK_EXECUTOR_BEAN_NAME, Executor.class, SyncTaskExecutor::new)
            .run((context) -> assertThat(context.getBean(ZreAutoConfiguration.LISTENER_TASK_EXECUTOR_BEAN_NAME))
                .isInstanceOf(SyncTaskExecutor.class));
    }

    @Test
    void deadLetterGroupOrPeerMakesTheGlobalErrorHandlerSendDeadLetters() {
        this.runner.withPropertyValues("zre.listener.dead-letter.group=dlq")
            .run((context) -> assertThat(context.getBean(ZreListenerErrorHandler.class))
                .isInstanceOf(DeadLetterZreListenerErrorHandler.class));
        this.runner.withPropertyValues("zre.listener.dead-letter.peer=" + UUID.randomUUID())
            .run((context) -> assertThat(context.getBean(ZreListenerErrorHandler.class))
                .isInstanceOf(DeadLetterZreListenerErrorHandler.class));
    }

    @ParameterizedTest
    @CsvSource({ "zre.listener.retry.max-attempts, 0, a number of at least 1",
            "zre.listener.retry.multiplier, 0.5, expected 1 or more",
            "zre.listener.dead-letter.peer, 00000000-0000-0000-0000-000000000001, dead-letter.group' is set too" })
    void invalidListenerPropertyFailsNamingIt(String property, String value, String allowed) {
        this.runner.withPropertyValues(property + "=" + value, "zre.listener.dead-letter.group=dlq").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = this.failureReport.of(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'" + property + "'").contains(allowed);
        });
    }

    @Test
    void customizersAdjustTheRegistry() {
        AtomicReference<ZreListenerRegistry> customized = new AtomicReference<>();
        this.runner.withBean(ZreListenerRegistryCustomizer.class, () -> customized::set)
            .run((context) -> assertThat(customized.get()).isSameAs(context.getBean(ZreListenerRegistry.class)));
    }

}
