"""An outgoing HTTP proxy on loopback, as a press office's network may require:
it forwards a POST to an absolute URL, tunnels a CONNECT, and records what it was
asked (the request line and the Proxy-Authorization header)."""

import http.client
import select
import socket
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from .receiver import LoopbackServer


class Proxy(LoopbackServer):
    def __init__(self):
        self.requests = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def record(self):
                auth = self.headers.get("Proxy-Authorization")
                proxy.requests.append((self.command, self.path, auth))

            def do_POST(self):
                self.record()
                target = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() not in ("proxy-authorization", "host")
                }
                upstream = http.client.HTTPConnection(target.netloc, timeout=5)
                upstream.request("POST", target.path, body=body, headers=headers)
                answer = upstream.getresponse()
                self.send_response(answer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                upstream.close()

            def do_CONNECT(self):
                self.record()
                host, port = self.path.rsplit(":", 1)
                with socket.create_connection((host, int(port)), timeout=5) as upstream:
                    self.send_response(200, "Connection established")
                    self.end_headers()
                    relay(self.connection, upstream)
                self.close_connection = True

            def log_message(self, *args):
                pass

        self.listen(Handler)


def relay(one, other):
    """Bytes both ways until either side closes."""
    while True:
        readable, _, _ = select.select([one, other], [], [], 5)
        if not readable:
            return
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (other if sock is one else one).sendall(data)
