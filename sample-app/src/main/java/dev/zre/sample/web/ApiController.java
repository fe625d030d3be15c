package dev.zre.sample.web;

import dev.zre.PeerId;
import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import dev.zre.sample.leader.LeaderTask;
import dev.zre.sample.live.ChatHistory;
import dev.zre.sample.live.ChatMessage;
import dev.zre.sample.live.LiveEvent;
import dev.zre.sample.live.LiveEventStream;
import dev.zre.sample.presence.PresenceBook;
import dev.zre.sample.presence.PresenceListener;
import dev.zre.sample.web.Views.GroupView;
import dev.zre.sample.web.Views.LeaderTaskView;
import dev.zre.sample.web.Views.NodeView;
import dev.zre.sample.web.Views.PingView;
import dev.zre.sample.web.Views.PeerView;
import dev.zre.sample.web.Views.PresenceRequest;
import dev.zre.sample.web.Views.PresenceView;
import dev.zre.sample.web.Views.ShoutRequest;
import dev.zre.sample.web.Views.WhisperRequest;
import dev.zre.spring.core.ZreOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The REST API of the page, also used by container tests. Commands answer {@code 204 No Content};
 * errors are RFC 9457 problem details ({@code 400} bad input, {@code 404} unknown peer, {@code 503}
 * node not running).
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiController {

    private final ZreNode node;

    private final ZreOperations zre;

    private final ChatHistory history;

    private final LiveEventStream stream;

    private final PresenceBook presence;

    private final PresenceListener presenceListener;

    private final LeaderTask leaderTask;

    ApiController(ZreNode node, ZreOperations zre, ChatHistory history, LiveEventStream stream,
            PresenceBook presence, PresenceListener presenceListener, LeaderTask leaderTask) {
        this.leaderTask = leaderTask;
        this.node = node;
        this.zre = zre;
        this.history = history;
        this.stream = stream;
        this.presence = presence;
        this.presenceListener = presenceListener;
    }

    @GetMapping("/node")
    NodeView node() {
        return NodeView.of(this.node);
    }

    @GetMapping("/peers")
    List<PeerView> peers() {
        return this.node.peerSnapshots()
            .stream()
            .sorted(Comparator.comparing(PeerSnapshot::name).thenComparing(PeerSnapshot::uuid))
            .map(PeerView::of)
            .toList();
    }

    @GetMapping("/groups")
    List<GroupView> groups() {
        Set<String> own = this.node.ownGroups();
        Set<String> names = new TreeSet<>(own);
        names.addAll(this.node.peerGroups());
        Set<String> contested = this.node.contestedGroups();
        return names.stream().map((group) -> groupView(group, own.contains(group), contested.contains(group))).toList();
    }

    private GroupView groupView(String group, boolean joined, boolean contested) {
        List<String> members = this.node.peersByGroup(group).stream().map((uuid) -> PeerId.of(uuid).toString()).sorted().toList();
        Optional<UUID> leader = this.node.leader(group);
        boolean leading = leader.filter(this.node.uuid()::equals).isPresent();
        String leaderName = leader.flatMap((uuid) -> leading ? Optional.of(this.node.name()) : this.node.peerName(uuid))
            .orElse(null);
        return new GroupView(group, members, joined, contested, leader.map((uuid) -> PeerId.of(uuid).toString()).orElse(null),
                leaderName, leading);
    }

    @GetMapping("/leader-task")
    LeaderTaskView leaderTask() {
        return new LeaderTaskView(this.leaderTask.group(), this.leaderTask.leads(), this.leaderTask.runs());
    }

    @PostMapping("/groups/{group}")
    ResponseEntity<Void> join(@PathVariable String group) {
        boolean joined = this.node.ownGroups().contains(group);
        this.zre.join(group);
        if (!joined) {
            this.stream.publish(LiveEvent.of("SELF_JOIN", null, null, group, null));
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/groups/{group}")
    ResponseEntity<Void> leave(@PathVariable String group) {
        boolean joined = this.node.ownGroups().contains(group);
        this.zre.leave(group);
        if (joined) {
            this.stream.publish(LiveEvent.of("SELF_LEAVE", null, null, group, null));
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/shout", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> shout(@RequestBody ShoutRequest request) {
        String group = required("group", request.group());
        String text = required("text", request.text());
        this.zre.shout(group, text);
        ChatMessage sent = new ChatMessage(ChatMessage.SHOUT, null, null, group, text, Instant.now());
        this.history.sent(sent);
        this.stream.publish(LiveEvent.of("SHOUT_SENT", sent));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/whisper", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> whisper(@RequestBody WhisperRequest request) {
        PeerSnapshot peer = connectedPeer(required("peer", request.peer()));
        String text = required("text", request.text());
        this.zre.whisper(peer.uuid(), text);
        ChatMessage sent = new ChatMessage(ChatMessage.WHISPER, PeerId.of(peer.uuid()).toString(), peer.name(), null, text,
                Instant.now());
        this.history.sent(sent);
        this.stream.publish(LiveEvent.of("WHISPER_SENT", sent));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/messages")
    List<ChatMessage> messages() {
        return this.history.received();
    }

    @GetMapping("/sent")
    List<ChatMessage> sent() {
        return this.history.sent();
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return this.stream.open();
    }

    @GetMapping("/presence")
    PresenceView presence() {
        return new PresenceView(this.presence.own(), this.presence.peers());
    }

    @PostMapping(path = "/presence", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> announce(@RequestBody PresenceRequest request) {
        String status = required("status", request.status());
        if (!PresenceBook.STATUSES.contains(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "'status' must be one of " + new TreeSet<>(PresenceBook.STATUSES));
        }
        this.presenceListener.announce(status);
        return ResponseEntity.noContent().build();
    }

    /** Request/reply: waits for the pong (at most {@link PresenceListener#PING_TIMEOUT}). */
    @PostMapping("/peers/{peer}/ping")
    PingView ping(@PathVariable String peer) throws InterruptedException {
        PeerSnapshot target = connectedPeer(peer);
        try {
            Duration roundTrip = this.presenceListener.ping(target.uuid()).get();
            return new PingView(PeerId.of(target.uuid()).toString(), PresenceListener.PONG, roundTrip.toNanos() / 1e6);
        }
        catch (ExecutionException ex) {
            throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "No pong from " + peer + ": " + ex.getCause());
        }
    }

    private PeerSnapshot connectedPeer(String hex) {
        UUID uuid;
        try {
            uuid = PeerId.parse(hex).uuid();
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "'peer' must be a UUID of 32 hex digits, not '" + hex + "'");
        }
        return this.node.peer(uuid)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "No connected peer " + PeerId.of(uuid)));
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + field + "' is required");
        }
        return value;
    }

}
