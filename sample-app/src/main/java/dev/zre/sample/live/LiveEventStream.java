package dev.zre.sample.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open {@code GET /api/events} streams. Events are written on one thread of its own, so a slow
 * browser never holds the ZRE node's event thread; a comment every {@link #HEARTBEAT} finds dead
 * connections. Closes every stream before the web server shuts down, so a graceful shutdown does not
 * wait for browsers.
 */
@Component
public class LiveEventStream implements SmartLifecycle, DisposableBean {

    private static final Log logger = LogFactory.getLog(LiveEventStream.class);

    /** Time between two keep-alive comments. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** How long one stream stays open; the browser's EventSource then reconnects by itself. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "sse-sender");
        thread.setDaemon(true);
        return thread;
    });

    private volatile @Nullable ScheduledFuture<?> heartbeat;

    /** Opens a stream for one browser. */
    public SseEmitter open() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        emitter.onCompletion(() -> this.emitters.remove(emitter));
        emitter.onTimeout(() -> this.emitters.remove(emitter));
        emitter.onError((ex) -> this.emitters.remove(emitter));
        this.emitters.add(emitter);
        this.sender.execute(() -> send(emitter, SseEmitter.event().reconnectTime(2000).comment("zre events")));
        return emitter;
    }

    /** Sends an event to every open stream. */
    public void publish(LiveEvent event) {
        if (this.emitters.isEmpty()) {
            return;
        }
        try {
            this.sender.execute(() -> {
                for (SseEmitter emitter : this.emitters) {
                    send(emitter, SseEmitter.event().data(event, MediaType.APPLICATION_JSON));
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // shutting down: nobody is listening any more
        }
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        }
        catch (IOException | IllegalStateException ex) {
            // the browser went away; the container completes the emitter
            this.emitters.remove(emitter);
            logger.debug("Dropped an event stream: " + ex.getMessage());
        }
    }

    @Override
    public void start() {
        this.heartbeat = this.sender.scheduleWithFixedDelay(() -> this.emitters
            .forEach((emitter) -> send(emitter, SseEmitter.event().comment("keep-alive"))), HEARTBEAT.toMillis(),
                HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> current = this.heartbeat;
        if (current != null) {
            current.cancel(false);
        }
        this.heartbeat = null;
        this.emitters.forEach(SseEmitter::complete);
        this.emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return this.heartbeat != null;
    }

    @Override
    public void destroy() {
        this.sender.shutdownNow();
    }

    /**
     * Stops after the ZRE node ({@code DEFAULT_PHASE - 512}) and before the web server's graceful
     * shutdown ({@code DEFAULT_PHASE - 1024}), which would otherwise wait for the open streams.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 768;
    }

}
