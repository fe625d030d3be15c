package dev.zre.spring.autoconfigure.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.AbstractLeaderEvent;

/**
 * A candidate written as for any Spring Integration leader initiator: it records its callbacks and the
 * leader events of its role, in the order they happened.
 */
class RecordingCandidate extends DefaultCandidate {

    final List<String> history = new CopyOnWriteArrayList<>();

    volatile Context context;

    RecordingCandidate(String id, String role) {
        super(id, role);
    }

    @Override
    public void onGranted(Context ctx) {
        super.onGranted(ctx);
        this.context = ctx;
        this.history.add("granted:" + ctx.isLeader());
    }

    @Override
    public void onRevoked(Context ctx) {
        super.onRevoked(ctx);
        this.history.add("revoked:" + ctx.isLeader());
    }

    @EventListener
    void onLeaderEvent(AbstractLeaderEvent event) {
        if (getRole().equals(event.getRole())) {
            this.history.add(event.getClass().getSimpleName());
        }
    }

    boolean granted() {
        return this.history.contains("granted:true");
    }

}
