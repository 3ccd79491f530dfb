"""A partner's endpoint on loopback (on a port the system chooses): a real HTTP
server that records each request and answers from a script ("ok", "error" for a
500, "slow" to sleep past the sender's timeout, "trickle" to send the status line
then a header every `trickle_seconds`, "cut" to close the connection among the
headers), then "ok" once the script is spent."""

import hashlib
import hmac
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict
    body: bytes

    def signature_is_valid(self, secret, max_age=300):
        """What a partner does: recompute the HMAC of timestamp, dot, body with the
        shared secret, compare in constant time, refuse an old timestamp."""
        timestamp = self.headers["X-Newsroom-Timestamp"]
        message = timestamp.encode() + b"." + self.body
        expected = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
        fresh = abs(time.time() - int(timestamp)) <= max_age
        given = self.headers["X-Newsroom-Signature"]
        return fresh and hmac.compare_digest(given, "sha256=" + expected)


class LoopbackServer:
    """An HTTP server on loopback, on a port the system chooses, serving in a
    thread between `with` and its end."""

    def listen(self, handler):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        # Checked every 50 ms for a shutdown (the default, half a second, was
        # most of some tests' time).
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Receiver(LoopbackServer):
    def __init__(self, script=(), slow_seconds=2.0, trickle_seconds=0.2):
        self.script = list(script)
        self.slow_seconds = slow_seconds
        self.trickle_seconds = trickle_seconds
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                receiver.received.append(
                    Received(dict(self.headers.items()), self.rfile.read(length))
                )
                step = receiver.script.pop(0) if receiver.script else "ok"
                if step in ("trickle", "cut"):
                    return self.answer_in_part(step)
                if step == "slow":
                    time.sleep(receiver.slow_seconds)
                status = 500 if step == "error" else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def answer_in_part(self, step):
                """200 OK, then a header at a time ("trickle": 30 of them, each
                sooner than a read's timeout; "cut": one, and the connection
                closes)."""
                self.close_connection = True
                try:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n")
                    for number in range(30 if step == "trickle" else 0):
                        time.sleep(receiver.trickle_seconds)
                        self.wfile.write(f"X-Trickle-{number}: 1\r\n".encode())
                    if step == "trickle":
                        self.wfile.write(b"\r\n")
                except OSError:
                    pass  # The sender gave up.

            def log_message(self, *args):
                pass

        self.listen(Handler)
        self.url += "/hook"
