"""A minimal ZRE peer over CURVE on libzmq (pyzmq), independent of JeroMQ.

It binds a CURVE-server ROUTER mailbox on 127.0.0.1, prints
    READY <endpoint> <z85 public key> <uuid hex>
then waits for a HELLO. From the HELLO's endpoint and X-PUBLICKEY header it connects back with a
CURVE-client DEALER (server key = that X-PUBLICKEY), says HELLO (with its own X-PUBLICKEY) and
WHISPERs "hello from libzmq". Every WHISPER it receives is printed as "GOT <text>"; it exits after
the first, or after 30 s. Loopback only; the keypair is made at start and never written anywhere.
"""
import struct
import sys
import uuid

import zmq

SIGNATURE = b"\xaa\xa1"
HELLO, WHISPER = 1, 2


def short_string(s):
    b = s.encode()
    return struct.pack("B", len(b)) + b


def long_string(s):
    b = s.encode()
    return struct.pack(">I", len(b)) + b


def hello(seq, endpoint, name, headers):
    body = SIGNATURE + struct.pack(">BBH", HELLO, 2, seq) + short_string(endpoint)
    body += struct.pack(">I", 0)  # groups
    body += struct.pack("B", 0)  # status
    body += short_string(name)
    body += struct.pack(">I", len(headers))
    for k, v in headers.items():
        body += short_string(k) + long_string(v)
    return body


def parse_hello(frame):
    assert frame[:2] == SIGNATURE and frame[2] == HELLO, "not a HELLO"
    pos = 6

    def take_short():
        nonlocal pos
        n = frame[pos]
        s = frame[pos + 1:pos + 1 + n].decode()
        pos += 1 + n
        return s

    def take_long():
        nonlocal pos
        (n,) = struct.unpack(">I", frame[pos:pos + 4])
        s = frame[pos + 4:pos + 4 + n].decode()
        pos += 4 + n
        return s

    endpoint = take_short()
    (count,) = struct.unpack(">I", frame[pos:pos + 4])
    pos += 4
    for _ in range(count):
        take_long()
    pos += 1  # status
    name = take_short()
    (count,) = struct.unpack(">I", frame[pos:pos + 4])
    pos += 4
    headers = {}
    for _ in range(count):
        key = take_short()
        headers[key] = take_long()
    return endpoint, name, headers


def main():
    ctx = zmq.Context()
    public, secret = zmq.curve_keypair()  # no beacons here, so a key starting with byte 0 is fine
    me = uuid.uuid4()
    mailbox = ctx.socket(zmq.ROUTER)
    mailbox.curve_server = True
    mailbox.curve_publickey = public
    mailbox.curve_secretkey = secret
    port = mailbox.bind_to_random_port("tcp://127.0.0.1", 49152, 65535)
    endpoint = "tcp://127.0.0.1:%d" % port
    print("READY %s %s %s" % (endpoint, public.decode(), me.hex.upper()), flush=True)

    poller = zmq.Poller()
    poller.register(mailbox, zmq.POLLIN)
    dealer = None
    while True:
        if not dict(poller.poll(30000)):
            print("TIMEOUT", flush=True)
            return 1
        frames = mailbox.recv_multipart()
        first = frames[1]
        command = first[2]
        if command == HELLO and dealer is None:
            their_endpoint, their_name, headers = parse_hello(first)
            key = headers.get("X-PUBLICKEY")
            print("HELLO %s %s" % (their_name, key), flush=True)
            dealer = ctx.socket(zmq.DEALER)
            dealer.identity = b"\x01" + me.bytes
            dealer.curve_serverkey = key.encode()
            dealer.curve_publickey = public
            dealer.curve_secretkey = secret
            dealer.linger = 0
            dealer.connect(their_endpoint)
            dealer.send(hello(1, endpoint, "libzmq-peer", {"X-PUBLICKEY": public.decode()}))
            dealer.send_multipart([SIGNATURE + struct.pack(">BBH", WHISPER, 2, 2), b"hello from libzmq"])
        elif command == WHISPER:
            print("GOT %s" % frames[2].decode(), flush=True)
            return 0


if __name__ == "__main__":
    sys.exit(main())
