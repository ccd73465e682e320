"""A minimal websocket client on a raw socket, for attacks and end-to-end
tests: open connections, send masked text frames, read the server's frames.
Nothing more (no fragmentation, no pings): a test that needs more should use
a real client.

The server is anything with .host and .port."""
import base64
import os
import socket

TIMEOUT = 10.0


class WebSocketError(Exception):
    pass


def check(condition, message):
    if not condition:
        raise WebSocketError(message)


def ws_open(server, timeout=TIMEOUT, path="/ws"):
    raw = socket.create_connection((server.host, server.port), timeout=timeout)
    key = base64.b64encode(os.urandom(16)).decode()
    raw.sendall((f"GET {path} HTTP/1.1\r\nHost: {server.host}:{server.port}\r\nUpgrade: websocket\r\n"
                 f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = raw.recv(1)
        check(chunk, f"the websocket handshake ended early: {head!r}")
        head += chunk
    check(head.startswith(b"HTTP/1.1 101"), f"the websocket handshake: {head!r}")
    return raw


def ws_frame(text):
    """A masked text frame (as a client must send) of `text`, a str or raw bytes."""
    payload = text.encode() if isinstance(text, str) else text
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        header = bytes([0x81, 0x80 | length])
    elif length < 65536:
        header = bytes([0x81, 0x80 | 126]) + length.to_bytes(2, "big")
    else:
        header = bytes([0x81, 0x80 | 127]) + length.to_bytes(8, "big")
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def recv_exactly(raw, count):
    data = b""
    while len(data) < count:
        chunk = raw.recv(count - len(data))
        check(chunk, "the connection closed in the middle of a frame")
        data += chunk
    return data


def ws_read(raw):
    """The next frame from the server: (opcode, payload bytes)."""
    first, second = recv_exactly(raw, 2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(recv_exactly(raw, 2), "big")
    elif length == 127:
        length = int.from_bytes(recv_exactly(raw, 8), "big")
    return first & 0x0F, recv_exactly(raw, length)


def ws_close_code(raw, deadline=TIMEOUT):
    """Reads frames until the server's close frame: its code (None if the
    connection ended without one)."""
    raw.settimeout(deadline)
    try:
        while True:
            opcode, payload = ws_read(raw)
            if opcode == 8:
                return int.from_bytes(payload[:2], "big") if len(payload) >= 2 else None
    except (WebSocketError, OSError):
        return None


def ws_text(raw, deadline=TIMEOUT):
    raw.settimeout(deadline)
    opcode, payload = ws_read(raw)
    check(opcode == 1, f"expected a text frame, got opcode {opcode} ({payload!r})")
    return payload.decode()


