package dev.zre.spring.observation;

import dev.zre.ZreEvent;
import dev.zre.spring.listener.ZreListenerInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Observes every {@code @ZreListener} invocation ({@link ZreObservationDocumentation#LISTENER_OBSERVATION})
 * and, with the trace frame on, removes the {@link ZreTraceFrame} from a WHISPER or SHOUT before the
 * listener sees the payload, handing its fields to the observation so the sender's trace continues.
 * Set it with {@link dev.zre.spring.listener.ZreListenerRegistry#setInterceptor}.
 */
public class ZreListenerObservationInterceptor implements ZreListenerInterceptor {

    private final ObservationRegistry registry;

    private final @Nullable ZreListenerObservationConvention convention;

    private final boolean traceFrame;

    /**
     * Creates an interceptor.
     * @param registry where to report observations ({@link ObservationRegistry#NOOP} to only strip trace frames)
     * @param convention replaces the default convention, or {@code null}
     * @param traceFrame whether to take the trace frame off incoming messages
     */
    public ZreListenerObservationInterceptor(ObservationRegistry registry,
            @Nullable ZreListenerObservationConvention convention, boolean traceFrame) {
        Assert.notNull(registry, "'registry' must not be null");
        this.registry = registry;
        this.convention = convention;
        this.traceFrame = traceFrame;
    }

    @Override
    public void intercept(String listenerId, ZreEvent event, Invocation invocation) throws Throwable {
        Map<String, String> traceFields = Map.of();
        ZreEvent delivered = event;
        if (this.traceFrame && event instanceof ZreEvent.MessageEvent message) {
            ZreTraceFrame.Split split = ZreTraceFrame.split(message.frames());
            if (split.fields() != null) {
                traceFields = split.fields();
                delivered = withFrames(message, split);
            }
        }
        ZreEvent toDeliver = delivered;
        if (this.registry.isNoop()) {
            invocation.proceed(toDeliver);
            return;
        }
        Map<String, String> fields = traceFields;
        Observation observation = ZreObservationDocumentation.LISTENER_OBSERVATION.observation(this.convention,
                DefaultZreListenerObservationConvention.INSTANCE,
                () -> new ZreListenerObservationContext(listenerId, toDeliver, fields), this.registry);
        observation.observeChecked(() -> invocation.proceed(toDeliver));
    }

    private static ZreEvent withFrames(ZreEvent.MessageEvent message, ZreTraceFrame.Split split) {
        if (message instanceof ZreEvent.Shout shout) {
            return new ZreEvent.Shout(shout.peer(), shout.peerName(), shout.group(), split.payload());
        }
        ZreEvent.Whisper whisper = (ZreEvent.Whisper) message;
        return new ZreEvent.Whisper(whisper.peer(), whisper.peerName(), split.payload());
    }

}
