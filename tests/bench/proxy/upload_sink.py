#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads every request body to the end (Content-Length or chunked) and answers
with the byte count, so a 1 GiB upload really crosses the proxy before the
answer comes back. Usage: upload_sink.py ADDRESS PORT"""

import socket
import socketserver
import sys

BUFFER = 1 << 20


class Sink(socketserver.StreamRequestHandler):
    rbufsize = BUFFER

    def handle(self):
        while True:
            head = self._read_head()
            if head is None:
                return
            length, chunked = head
            received = self._read_chunked() if chunked else self._read_exactly(length)
            body = f"{received}\n".encode()
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            self.wfile.flush()

    def _read_head(self):
        length, chunked = 0, False
        line = self.rfile.readline(65536)
        if not line:
            return None
        while True:
            line = self.rfile.readline(65536)
            if line in (b"\r\n", b"\n", b""):
                return length, chunked
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and value.endswith("chunked"):
                chunked = True

    def _read_exactly(self, length):
        left = length
        while left > 0:
            got = len(self.rfile.read1(min(left, BUFFER)))
            if got == 0:
                break
            left -= got
        return length - left

    def _read_chunked(self):
        total = 0
        while True:
            size = int(self.rfile.readline(1024).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline(65536) not in (b"\r\n", b"\n", b""):
                    pass
                return total
            total += self._read_exactly(size)
            self.rfile.readline(16)


class Server(socketserver.ThreadingTCPServer):
    address_family = socket.AF_INET6
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    with Server((sys.argv[1], int(sys.argv[2])), Sink) as server:
        server.serve_forever()
