package dev.zre.internal;

import dev.zre.HandshakeFailure;
import dev.zre.security.Z85;
import dev.zre.security.ZreSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The node's ZAP handler (RFC 27) on {@code inproc://zeromq.zap.01} of its own context: decides
 * who may connect to the mailbox. CURVE: a key on the allow-list (or any, in allow-any mode);
 * PLAIN: a known account. Each refusal is counted by reason and logged (at debug, with the
 * address, never a password). Runs on the actor thread, polled with the mailbox.
 */
final class ZapHandler implements AutoCloseable {

    static final String ENDPOINT = "inproc://zeromq.zap.01";
    private static final Logger log = LoggerFactory.getLogger(ZapHandler.class);

    private final ZContext context;
    private final ZMQ.Socket socket;
    private final ZreSecurity security;
    private final AllowList allowList;
    private final NodeCounters stats;
    private int pollIndex = -1;

    ZapHandler(ZContext context, ZreSecurity security, AllowList allowList, NodeCounters stats) {
        this.context = context;
        this.security = security;
        this.allowList = allowList;
        this.stats = stats;
        this.socket = context.createSocket(SocketType.REP);
        socket.setLinger(0);
        socket.bind(ENDPOINT);
    }

    void register(ActorPoller poller) {
        pollIndex = poller.register(socket);
    }

    /** Answers every waiting request. */
    void receive(ActorPoller poller) {
        if (pollIndex < 0 || !poller.pollin(pollIndex)) {
            return;
        }
        while (true) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv());
            }
            answer(frames);
        }
    }

    private void answer(List<byte[]> frames) {
        if (frames.size() < 6) {
            reply("1.0", new byte[0], "500", "malformed request");
            return;
        }
        String version = text(frames.get(0));
        byte[] requestId = frames.get(1);
        String address = text(frames.get(3));
        String mechanism = text(frames.get(5));
        boolean ok;
        HandshakeFailure refusal;
        switch (mechanism) {
            case "CURVE" -> {
                refusal = HandshakeFailure.NOT_ALLOWED;
                byte[] key = frames.size() > 6 ? frames.get(6) : new byte[0];
                ok = key.length == 32 && (security.allowsAny() || allowList.allows(Z85.encode(key)));
                if (!ok) {
                    log.debug("ZAP: CURVE key {} from {} is not on the allow-list; refused",
                            key.length == 32 ? Z85.encode(key) : "?", address);
                }
            }
            case "PLAIN" -> {
                refusal = HandshakeFailure.PLAIN_REFUSED;
                String user = frames.size() > 6 ? text(frames.get(6)) : "";
                String password = frames.size() > 7 ? text(frames.get(7)) : "";
                String expected = security.plainAccounts().get(user);
                ok = expected != null && java.security.MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
                if (!ok) {
                    log.debug("ZAP: PLAIN login of '{}' from {} refused", user, address);
                }
            }
            default -> {
                refusal = HandshakeFailure.MECHANISM_MISMATCH;
                ok = false;
                log.debug("ZAP: mechanism {} from {} refused", mechanism, address);
            }
        }
        if (!ok) {
            stats.handshakeFailed(refusal);
        }
        reply(version, requestId, ok ? "200" : "400", ok ? "OK" : "not allowed");
    }

    private void reply(String version, byte[] requestId, String status, String text) {
        socket.sendMore(version);
        socket.sendMore(requestId);
        socket.sendMore(status);
        socket.sendMore(text);
        socket.sendMore(""); // user id
        socket.send(new byte[0]); // metadata
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Override
    @SuppressWarnings("deprecation") // ZContext.destroySocket: how a context-made socket is released in JeroMQ 0.6.0
    public void close() {
        context.destroySocket(socket);
    }

    /** For tests and reports: the keys currently allowed (directory included). */
    Map<String, Boolean> snapshot() {
        return allowList.snapshot();
    }
}
