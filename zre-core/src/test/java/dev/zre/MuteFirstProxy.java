package dev.zre;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A TCP proxy on loopback that accepts the first connection and never says a word on it (the way a
 * JeroMQ handshake stalls: TCP up, no greeting), and forwards every later connection to a target
 * port. Lets a test stall exactly one link of a real node.
 */
final class MuteFirstProxy implements AutoCloseable {

    private final ServerSocket server;
    private final IntSupplier targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile int accepted;

    /** @param targetPort asked for when a connection to forward arrives (the target may start later) */
    MuteFirstProxy(IntSupplier targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "mute-first-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (the first one is the mute one). */
    int accepted() {
        return accepted;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                sockets.add(in);
                if (accepted++ > 0) {
                    Socket out = new Socket(InetAddress.getByName("127.0.0.1"), targetPort.getAsInt());
                    sockets.add(out);
                    pump(in, out);
                    pump(out, in);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }, "mute-first-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
