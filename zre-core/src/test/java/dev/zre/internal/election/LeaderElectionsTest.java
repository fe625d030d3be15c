package dev.zre.internal.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zre.PeerId;
import dev.zre.internal.election.RecordingOutput.Sent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The election rules one node follows, each on its own, against a recording output. Ids are chosen
 * so that {@code A < B < C < D} as zyre compares them.
 */
class LeaderElectionsTest {

    static final PeerId A = id('A');
    static final PeerId B = id('B');
    static final PeerId C = id('C');
    static final PeerId D = id('D');
    static final String G = "G";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    final AtomicLong clock = new AtomicLong(1_000);
    final RecordingOutput out = new RecordingOutput();

    static PeerId id(char first) {
        return PeerId.parse(first + "0".repeat(31));
    }

    LeaderElections node(PeerId self) {
        return new LeaderElections(self, TIMEOUT, clock::get, out);
    }

    /** A member of G (contesting or not) that already knows the given peers in G. */
    LeaderElections member(PeerId self, boolean contest, PeerId... peers) {
        LeaderElections node = node(self);
        for (PeerId peer : peers) {
            node.peerEntered(peer, List.of(G));
        }
        node.joined(G);
        if (contest) {
            node.contest(G);
        }
        out.takeSent();
        return node;
    }

    static Sent elect(PeerId to, PeerId challenger) {
        return new Sent("ELECT", to, G, challenger);
    }

    static Sent leader(PeerId to, PeerId leader) {
        return new Sent("LEADER", to, G, leader);
    }

    void passTime(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    // ------------------------------------------------------------------ the echo wave

    @Test
    void aWaveOrAnnouncementNamingAPeerThatExitedIsDroppedUntilItSaysHelloAgain() {
        LeaderElections c = member(C, true, A, B);
        c.peerExited(A);
        out.takeSent();

        c.electReceived(B, G, A);
        c.leaderReceived(B, G, A);

        assertThat(out.takeSent()).isEmpty();
        assertThat(out.decisions).noneMatch(d -> d.leader().equals(A));

        c.peerEntered(A, List.of(G)); // back: its waves count again
        out.takeSent();
        c.electReceived(B, G, A);
        assertThat(out.takeSent()).contains(elect(A, A));
    }

    @Test
    void aLowerChallengerIsAdoptedAndForwardedToEveryOtherGroupPeer() {
        LeaderElections c = member(C, false, A, B, D);

        c.electReceived(B, G, A);

        assertThat(out.takeSent()).containsExactly(elect(A, A), elect(D, A));
        assertThat(c.electing(G)).isTrue();
    }

    @Test
    void aHigherChallengerIsIgnored() {
        LeaderElections c = member(C, false, A, B, D);
        c.electReceived(A, G, A);
        out.takeSent();

        c.electReceived(D, G, B);

        assertThat(out.takeSent()).isEmpty();
    }

    @Test
    void aRelayEchoesToItsFatherOnceEveryGroupPeerSentTheWave() {
        LeaderElections c = member(C, false, A, B);
        c.electReceived(A, G, A);
        assertThat(out.takeSent()).containsExactly(elect(B, A));

        c.electReceived(B, G, A);

        assertThat(out.takeSent()).containsExactly(elect(A, A));
    }

    @Test
    void theChallengerAnnouncesItselfWhenEveryGroupPeerEchoed() {
        LeaderElections a = member(A, true, B, C);
        a.electReceived(B, G, A);
        assertThat(out.takeSent()).isEmpty();

        a.electReceived(C, G, A);

        assertThat(out.takeSent()).containsExactly(leader(B, A), leader(C, A));
    }

    @Test
    void theFirstLeaderIsPassedOnNamingTheOwnWaveAndTheLastOneDecides() {
        LeaderElections c = member(C, false, A, B);
        c.electReceived(A, G, A);
        c.electReceived(B, G, A);
        out.takeSent();

        c.leaderReceived(A, G, A);
        assertThat(out.takeSent()).containsExactly(leader(A, A), leader(B, A));
        assertThat(out.decisions).isEmpty();

        c.leaderReceived(B, G, A);
        assertThat(out.takeSent()).isEmpty();
        assertThat(out.leadersDecided()).containsExactly(A);
        assertThat(c.leader(G)).contains(A);
        assertThat(c.electing(G)).isFalse();
    }

    @Test
    void theWinnerDoesNotPassOnLeaderMessagesNamingItself() {
        LeaderElections a = member(A, true, B);
        a.electReceived(B, G, A);
        assertThat(out.takeSent()).containsExactly(leader(B, A));

        a.leaderReceived(B, G, A);

        assertThat(out.takeSent()).isEmpty();
        assertThat(out.leadersDecided()).containsExactly(A);
        assertThat(a.leader(G)).contains(A);
    }

    @Test
    void aLeaderMessageWithoutAWaveIsIgnored() {
        LeaderElections c = member(C, false, A);

        c.leaderReceived(A, G, A);

        assertThat(out.takeSent()).isEmpty();
        assertThat(out.decisions).isEmpty();
        assertThat(c.leader(G)).isEmpty();
    }

    @Test
    void aDecisionNamingANodeOutsideTheGroupIsDropped() {
        LeaderElections c = member(C, false, B);
        c.electReceived(B, G, A);
        out.takeSent();

        c.leaderReceived(B, G, A);

        assertThat(out.decisions).isEmpty();
        assertThat(c.leader(G)).isEmpty();
        assertThat(c.electing(G)).isFalse();
    }

    // ------------------------------------------------------------------ who starts

    @Test
    void aNonContestingMemberNeverChallenges() {
        LeaderElections d = member(D, false, A);

        d.peerEntered(B, List.of(G));
        d.peerJoined(C, G);
        d.peerExited(A);
        passTime(TIMEOUT.multipliedBy(2));
        d.checkTimeouts();

        assertThat(out.takeSent()).isEmpty();
        assertThat(out.decisions).isEmpty();
    }

    @Test
    void helloListingTheGroupRestartsTheElection() {
        LeaderElections b = member(B, true, C);
        b.electReceived(C, G, B);
        b.leaderReceived(C, G, B);
        assertThat(b.leader(G)).contains(B);
        out.takeSent();

        b.peerEntered(D, List.of("other", G));

        assertThat(out.takeSent()).containsExactly(elect(C, B), elect(D, B));
        assertThat(b.leader(G)).isEmpty();
        assertThat(b.electing(G)).isTrue();
    }

    @Test
    void aPeerJoiningRestartsTheElectionOfAContestingMember() {
        LeaderElections b = member(B, true, C);

        b.peerJoined(D, G);

        assertThat(out.takeSent()).containsExactly(elect(C, B), elect(D, B));
    }

    @Test
    void nothingStartsInAGroupThisNodeIsNotIn() {
        LeaderElections b = node(B);
        b.contest(G);

        b.peerEntered(C, List.of(G));
        b.peerJoined(D, G);

        assertThat(out.takeSent()).isEmpty();
    }

    @Test
    void joiningAContestedGroupStartsAnElection() {
        LeaderElections b = node(B);
        b.contest(G);
        b.peerEntered(C, List.of(G));

        b.joined(G);

        assertThat(out.takeSent()).containsExactly(elect(C, B));
    }

    @Test
    void contestingAGroupAlreadyJoinedStartsAnElection() {
        LeaderElections b = member(B, false, C);

        b.contest(G);

        assertThat(out.takeSent()).containsExactly(elect(C, B));
        assertThat(b.contests(G)).isTrue();
    }

    // ------------------------------------------------------------------ leave and exit

    /** B contests G; A (lower) leads it after a complete election with the given peers, A among them. */
    LeaderElections followerOfA(PeerId... peers) {
        LeaderElections b = member(B, true, peers);
        b.electReceived(A, G, A);
        for (PeerId p : peers) {
            if (!p.equals(A)) {
                b.electReceived(p, G, A);
            }
        }
        for (PeerId p : peers) {
            b.leaderReceived(p, G, A);
        }
        assertThat(b.leader(G)).contains(A);
        out.takeSent();
        out.decisions.clear();
        return b;
    }

    @Test
    void theLeaderLeavingALoneNodeMakesItTheLeader() {
        LeaderElections b = followerOfA(A);

        b.peerLeft(A, G);

        assertThat(out.takeSent()).isEmpty();
        assertThat(out.leadersDecided()).containsExactly(B);
        assertThat(b.leader(G)).contains(B);
    }

    @Test
    void theLeaderLeavingRestartsTheElectionAmongTheOthers() {
        LeaderElections b = followerOfA(A, D);

        b.peerLeft(A, G);

        assertThat(out.takeSent()).containsExactly(elect(D, B));
        assertThat(b.leader(G)).isEmpty();
    }

    @Test
    void anotherPeerLeavingChangesNothing() {
        LeaderElections b = followerOfA(A, D);

        b.peerLeft(D, G);

        assertThat(out.takeSent()).isEmpty();
        assertThat(b.leader(G)).contains(A);
    }

    @Test
    void theLeaderExitingRestartsTheElectionAlsoTowardsTheExitingPeerAsZyreDoes() {
        LeaderElections b = followerOfA(A, D);

        b.peerExited(A);

        assertThat(out.takeSent()).containsExactly(elect(A, B), elect(D, B));
        // the new wave counts only the peers that remain
        b.electReceived(D, G, B);
        assertThat(out.takeSent()).containsExactly(leader(D, B));
    }

    @Test
    void theLeaderExitingALoneNodeMakesItTheLeader() {
        LeaderElections b = followerOfA(A);

        b.peerExited(A);

        assertThat(out.takeSent()).isEmpty();
        assertThat(out.leadersDecided()).containsExactly(B);
    }

    @Test
    void anyExitDuringAnElectionRestartsIt() {
        LeaderElections b = member(B, true, C, D, A);
        b.electReceived(A, G, A);
        out.takeSent();

        b.peerExited(D);

        assertThat(out.takeSent()).containsExactly(elect(C, B), elect(D, B), elect(A, B));
    }

    @Test
    void anExitAfterACompletedElectionOfAnotherPeerChangesNothing() {
        LeaderElections b = followerOfA(A, D);

        b.peerExited(D);

        assertThat(out.takeSent()).isEmpty();
        assertThat(b.leader(G)).contains(A);
    }

    @Test
    void aNonContestingMemberForgetsALeaderThatExits() {
        LeaderElections d = member(D, false, C);
        d.electReceived(C, G, C);
        d.leaderReceived(C, G, C);
        assertThat(d.leader(G)).contains(C);

        d.peerExited(C);

        assertThat(d.leader(G)).isEmpty();
        assertThat(out.takeSent()).containsExactly(elect(C, C), leader(C, C));
    }

    @Test
    void leavingTheGroupForgetsItsLeaderAndTakesNoMorePart() {
        LeaderElections b = followerOfA(A, D);

        b.left(G);

        assertThat(b.leader(G)).isEmpty();
        b.peerJoined(C, G);
        assertThat(out.takeSent()).isEmpty();
        assertThat(b.electing(G)).isFalse();
    }

    // ------------------------------------------------------------------ no leader yet, watchdog

    @Test
    void noLeaderUntilTheFirstElectionCompletes() {
        LeaderElections b = member(B, true, C);

        assertThat(b.leader(G)).isEmpty();
        assertThat(b.electing(G)).isTrue();
        b.electReceived(C, G, B);
        assertThat(b.leader(G)).isEmpty();

        b.leaderReceived(C, G, B);
        assertThat(b.leader(G)).contains(B);
    }

    @Test
    void aNodeAloneInAContestedGroupLeadsAfterOneTimeout() {
        LeaderElections b = member(B, true);
        assertThat(b.leader(G)).isEmpty();

        passTime(TIMEOUT.minusNanos(1));
        b.checkTimeouts();
        assertThat(out.decisions).isEmpty();

        passTime(Duration.ofNanos(1));
        b.checkTimeouts();
        assertThat(out.leadersDecided()).containsExactly(B);
        assertThat(b.leader(G)).contains(B);
    }

    @Test
    void anElectionNotCompleteWithinTheTimeoutIsRestarted() {
        LeaderElections b = member(B, true, C, D);
        b.electReceived(C, G, B); // D stays silent

        passTime(TIMEOUT.minusNanos(1));
        b.checkTimeouts();
        assertThat(out.takeSent()).isEmpty();

        passTime(Duration.ofNanos(1));
        b.checkTimeouts();
        assertThat(out.takeSent()).containsExactly(elect(C, B), elect(D, B));

        // the new wave completes with fresh counts
        b.electReceived(C, G, B);
        b.electReceived(D, G, B);
        assertThat(out.takeSent()).containsExactly(leader(C, B), leader(D, B));
    }

    @Test
    void aNonContestingMemberForgetsAStalledWaveAndFollowsTheNextOne() {
        LeaderElections d = member(D, false, A, C);
        d.electReceived(A, G, A); // A then vanishes without an EXIT yet
        out.takeSent();
        d.electReceived(C, G, C);
        assertThat(out.takeSent()).as("C is worse than the stalled wave of A").isEmpty();

        passTime(TIMEOUT);
        d.checkTimeouts();
        assertThat(d.electing(G)).isFalse();
        d.electReceived(C, G, C);

        assertThat(out.takeSent()).containsExactly(elect(A, C));
    }

    @Test
    void aNonContestingMemberWhoseLeaderMessagesStayIncompleteTakesTheNamedLeaderAtTheTimeout() {
        LeaderElections d = member(D, false, A, C);
        d.electReceived(A, G, A);
        d.leaderReceived(A, G, A); // C's LEADER never comes (it sent it before D knew C)
        assertThat(out.leadersDecided()).isEmpty();

        passTime(TIMEOUT);
        d.checkTimeouts();
        assertThat(out.leadersDecided()).containsExactly(A);
        assertThat(d.leader(G)).contains(A);
    }

    @Test
    void aChallengerRestartingItsWaveIsFollowedAfreshNotCountedIntoTheOldWave() {
        LeaderElections c = member(C, false, A, B);
        c.electReceived(A, G, A);
        assertThat(out.takeSent()).containsExactly(elect(B, A));

        c.electReceived(A, G, A); // A restarted (a HELLO reached it): its wave again

        assertThat(out.takeSent()).as("forwarded again, and no early echo").containsExactly(elect(B, A));
        c.electReceived(B, G, A);
        assertThat(out.takeSent()).containsExactly(elect(A, A));
    }

    @Test
    void aSecondElectFromAPeerThatIsNotTheChallengerIsNotCountedAgain() {
        LeaderElections d = member(D, false, A, B, C);
        d.electReceived(A, G, A);
        out.takeSent();
        d.electReceived(B, G, A);
        d.electReceived(B, G, A); // B's forward of A's restarted wave

        assertThat(out.takeSent()).as("B counts once: C has not answered").isEmpty();
        d.electReceived(C, G, A);
        assertThat(out.takeSent()).containsExactly(elect(A, A));
    }

    @Test
    void aRestartedWaveForwardedAheadOfTheChallengersOwnElectCountsOnceThatArrives() {
        LeaderElections c = member(C, false, A, B);
        c.electReceived(A, G, A);
        c.electReceived(B, G, A);
        assertThat(out.takeSent()).containsExactly(elect(B, A), elect(A, A));

        c.electReceived(B, G, A); // A restarted; B's forward of the new wave comes first
        assertThat(out.takeSent()).isEmpty();
        c.electReceived(A, G, A);

        assertThat(out.takeSent()).containsExactly(elect(B, A), elect(A, A));
    }

    @Test
    void aContestingMemberFollowingALowerWaveGivesItsChallengerTwiceTheTimeout() {
        LeaderElections c = member(C, true, A, B);
        out.takeSent();
        c.electReceived(A, G, A); // follows A; B stays silent, so A's wave stalls
        out.takeSent();

        passTime(TIMEOUT);
        c.checkTimeouts();
        assertThat(out.takeSent()).as("A restarts its wave first").isEmpty();

        c.electReceived(A, G, A); // A's restart: C's watchdog starts over
        out.takeSent();
        passTime(TIMEOUT.multipliedBy(2).minusNanos(1));
        c.checkTimeouts();
        assertThat(out.takeSent()).isEmpty();

        passTime(Duration.ofNanos(1)); // A silent for twice the timeout: C restarts with itself
        c.checkTimeouts();
        assertThat(out.takeSent()).containsExactly(elect(A, C), elect(B, C));
    }

    @Test
    void anIdleContestingMemberChallengesAHigherMembersLoneRestart() {
        LeaderElections b = member(B, true, C);
        b.electReceived(C, G, B);
        b.leaderReceived(C, G, B);
        assertThat(b.leader(G)).contains(B);
        out.takeSent();

        b.electReceived(C, G, C); // C's watchdog restarted C's election, and only C's

        assertThat(out.takeSent()).as("B contests instead of relaying C to victory").containsExactly(elect(C, B));
    }

    @Test
    void theDecisionIsTheLowestLeaderTheMessagesNamed() {
        LeaderElections c = member(C, false, A, B);
        c.electReceived(A, G, A);
        c.leaderReceived(A, G, A);

        c.leaderReceived(B, G, B); // B had restarted its own election and passes the news on naming itself

        assertThat(out.leadersDecided()).containsExactly(A);
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> new LeaderElections(A, Duration.ZERO, clock::get, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("election timeout");
    }
}
