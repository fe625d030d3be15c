package dev.zre.spring.core;

import dev.zre.Subscription;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.converter.ZreMessageConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

/**
 * The default {@link ZreOperations}: converts payloads and hands them to a {@link ZreNode}. For
 * request/reply it subscribes to the node (at the first request) to pair replies with pending requests
 * by correlation id and to fail the requests of peers that leave.
 */
public class ZreTemplate implements ZreOperations, DisposableBean {

    private final ZreNode node;

    private final ZreMessageConverter converter;

    private final Map<String, PendingRequest> pending = new ConcurrentHashMap<>();

    private final AtomicLong lateReplies = new AtomicLong();

    private @Nullable Subscription subscription;

    private volatile ZreSendInterceptor interceptor = ZreSendInterceptor.NONE;

    /**
     * Creates a template.
     * @param node the node to send through
     * @param converter the converter for payloads
     */
    public ZreTemplate(ZreNode node, ZreMessageConverter converter) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(converter, "'converter' must not be null");
        this.node = node;
        this.converter = converter;
    }

    @Override
    public void shout(String group, Object payload) {
        Assert.hasText(group, "'group' must not be empty");
        Assert.notNull(payload, "'payload' must not be null");
        send(group, null, this.converter.toFrames(payload));
    }

    @Override
    public void whisper(UUID peer, Object payload) {
        Assert.notNull(peer, "'peer' must not be null");
        Assert.notNull(payload, "'payload' must not be null");
        send(null, peer, this.converter.toFrames(payload));
    }

    @Override
    public CompletableFuture<ZreReply> request(UUID peer, Object payload, Duration timeout) {
        Assert.notNull(peer, "'peer' must not be null");
        Assert.notNull(payload, "'payload' must not be null");
        Assert.isTrue(timeout != null && timeout.compareTo(Duration.ZERO) > 0, "'timeout' must be positive");
        subscribe();
        CompletableFuture<ZreReply> reply = new CompletableFuture<>();
        if (!this.node.peers().contains(peer)) {
            reply.completeExceptionally(new ZreRequestFailedException(peer, "Peer " + peer + " is not connected"));
            return reply;
        }
        String correlationId = UUID.randomUUID().toString();
        this.pending.put(correlationId, new PendingRequest(peer, reply));
        CompletableFuture<ZreReply> result = reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
            .whenComplete((answer, failure) -> this.pending.remove(correlationId));
        List<byte[]> frames = new ZreEnvelope(ZreEnvelope.Kind.REQUEST, correlationId, this.converter.toFrames(payload))
            .toFrames();
        try {
            send(null, peer, frames);
        }
        catch (RuntimeException ex) {
            reply.completeExceptionally(ex);
        }
        return result;
    }

    @Override
    public <T> CompletableFuture<T> request(UUID peer, Object payload, Class<T> replyType, Duration timeout) {
        Assert.notNull(replyType, "'replyType' must not be null");
        return request(peer, payload, timeout).thenApply((reply) -> convert(reply, replyType));
    }

    private <T> @Nullable T convert(ZreReply reply, Class<T> replyType) {
        if (reply.frames().isEmpty()) {
            return null;
        }
        return replyType.cast(this.converter.fromFrames(reply.frames(), replyType));
    }

    /**
     * Every message this template sends goes through here: a SHOUT when {@code group} is given, else a
     * WHISPER to {@code peer}.
     * @param group the group to shout to, or {@code null}
     * @param peer the peer to whisper to, or {@code null}
     * @param frames the content frames
     */
    protected void send(@Nullable String group, @Nullable UUID peer, List<byte[]> frames) {
        if (group != null) {
            this.interceptor.intercept(group, null, frames, (f) -> this.node.shout(group, f));
        }
        else {
            Assert.notNull(peer, "'peer' or 'group' must be given");
            this.interceptor.intercept(null, peer, frames, (f) -> this.node.whisper(peer, f));
        }
    }

    @Override
    public void join(String group) {
        this.node.join(group);
    }

    @Override
    public void leave(String group) {
        this.node.leave(group);
    }

    /**
     * Sets what wraps every send (e.g. the observation support); {@link ZreSendInterceptor#NONE} by default.
     * @param interceptor the interceptor
     */
    public void setInterceptor(ZreSendInterceptor interceptor) {
        Assert.notNull(interceptor, "'interceptor' must not be null");
        this.interceptor = interceptor;
    }

    /** The node this template sends through. */
    public ZreNode getNode() {
        return this.node;
    }

    /** Replies that came after their request timed out or failed (or with an unknown correlation id). */
    public long getLateReplies() {
        return this.lateReplies.get();
    }

    /** Requests waiting for their reply. */
    public int getPendingRequests() {
        return this.pending.size();
    }

    private synchronized void subscribe() {
        if (this.subscription == null) {
            this.subscription = this.node.subscribe(this::onEvent);
        }
    }

    private void onEvent(ZreEvent event) {
        if (event instanceof ZreEvent.Whisper whisper) {
            Optional<ZreEnvelope> envelope = ZreEnvelope.of(whisper.frames());
            envelope.filter((e) -> e.kind() != ZreEnvelope.Kind.REQUEST).ifPresent((e) -> answered(whisper.peer(), e));
        }
        else if (event instanceof ZreEvent.Exit exit) {
            this.pending.values()
                .stream()
                .filter((request) -> request.peer().equals(exit.peer()))
                .forEach((request) -> request.reply()
                    .completeExceptionally(new ZreRequestFailedException(exit.peer(),
                            "Peer " + exit.peer() + " left (" + exit.reason() + ") before it replied")));
        }
    }

    private void answered(UUID peer, ZreEnvelope envelope) {
        PendingRequest request = this.pending.get(envelope.correlationId());
        if (request == null || !request.peer().equals(peer) || !this.pending.remove(envelope.correlationId(), request)) {
            this.lateReplies.incrementAndGet();
            return;
        }
        if (envelope.kind() == ZreEnvelope.Kind.ERROR) {
            request.reply()
                .completeExceptionally(new ZreRequestFailedException(peer,
                        "Peer " + peer + " failed to answer: " + envelope.errorText()));
        }
        else {
            request.reply().complete(new ZreReply(peer, envelope.payload()));
        }
    }

    /** Stops listening for replies and fails the requests still waiting. */
    @Override
    public synchronized void destroy() {
        if (this.subscription != null) {
            this.subscription.close();
            this.subscription = null;
        }
        this.pending.values()
            .forEach((request) -> request.reply()
                .completeExceptionally(new ZreRequestFailedException(request.peer(), "The template was closed")));
    }

    private record PendingRequest(UUID peer, CompletableFuture<ZreReply> reply) {
    }

}
