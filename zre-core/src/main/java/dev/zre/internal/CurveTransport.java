package dev.zre.internal;

import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZreSecurity;
import org.zeromq.ZMQ;

/**
 * CURVE as zyre does it: one keypair for every socket; the mailbox is the CURVE server (ZAP decides
 * who may connect), each DEALER a client whose server key is that peer's public key.
 */
final class CurveTransport implements TransportSecurity {

    private final CurveKeyPair keys;
    private final String zapDomain;
    private final PeerKeys peerKeys;

    CurveTransport(CurveKeyPair keys, String zapDomain, PeerKeys peerKeys) {
        this.keys = keys;
        this.zapDomain = zapDomain;
        this.peerKeys = peerKeys;
    }

    @Override
    public void configureMailbox(ZMQ.Socket router) {
        router.setZAPDomain(zapDomain);
        router.setCurveServer(true);
        router.setCurvePublicKey(keys.publicKey());
        router.setCurveSecretKey(keys.secretKey());
    }

    @Override
    public void configureConnection(ZMQ.Socket dealer, String endpoint) {
        byte[] serverKey = peerKeys.key(endpoint);
        if (serverKey == null) {
            throw new IllegalArgumentException("no CURVE public key known for " + endpoint);
        }
        dealer.setCurveServerKey(serverKey);
        dealer.setCurvePublicKey(keys.publicKey());
        dealer.setCurveSecretKey(keys.secretKey());
    }

    @Override
    public ZreSecurity.Mechanism mechanism() {
        return ZreSecurity.Mechanism.CURVE;
    }

    @Override
    public byte[] publicKey() {
        return keys.publicKey();
    }

    @Override
    public String toString() {
        return "CURVE " + keys.publicKeyZ85();
    }
}
