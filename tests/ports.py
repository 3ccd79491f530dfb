"""Ports for the servers the tests start (SMTP peers) and for addresses where
nothing listens (a cache or a database taken away)."""

import socket


def free_ports(count):
    """`count` distinct loopback ports free at the time of asking, chosen by the
    system, so that two test runs on one machine never collide."""
    sockets = []
    try:
        for _index in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
