"""A minimal OpenFlow 1.3 endpoint for testing the emulation before the real controller exists.

It completes the handshake (HELLO, FEATURES_REQUEST), answers ECHO_REQUESTs so OVS keeps the
connection, and records the datapath id each switch reports. It programs nothing.
"""
import socket
import struct
import threading

OFP_VERSION_13 = 0x04
OFPT_HELLO, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY, OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY = 0, 2, 3, 5, 6
HEADER = struct.Struct("!BBHI")


class FakeOpenFlowController:
    """Listens on 127.0.0.1:port in a background thread; datapath_ids() lists who completed the handshake."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1"):
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, port))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._dpids = set()
        self._connections = []
        self._closed = False
        threading.Thread(target=self._accept_loop, name="fake-of-accept", daemon=True).start()

    def datapath_ids(self):
        with self._lock:
            return set(self._dpids)

    def close(self):
        self._closed = True
        self._listener.close()
        with self._lock:
            for conn in self._connections:
                try:
                    conn.close()
                except OSError:
                    pass

    def _accept_loop(self):
        while not self._closed:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._connections.append(conn)
            threading.Thread(target=self._serve, args=(conn,), name="fake-of-conn", daemon=True).start()

    @staticmethod
    def _read_exact(conn, size):
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _serve(self, conn):
        try:
            conn.sendall(HEADER.pack(OFP_VERSION_13, OFPT_HELLO, HEADER.size, 1))
            conn.sendall(HEADER.pack(OFP_VERSION_13, OFPT_FEATURES_REQUEST, HEADER.size, 2))
            while not self._closed:
                version, kind, length, xid = HEADER.unpack(self._read_exact(conn, HEADER.size))
                body = self._read_exact(conn, length - HEADER.size)
                if kind == OFPT_ECHO_REQUEST:
                    conn.sendall(HEADER.pack(version, OFPT_ECHO_REPLY, length, xid) + body)
                elif kind == OFPT_FEATURES_REPLY:
                    (dpid,) = struct.unpack_from("!Q", body, 0)
                    with self._lock:
                        self._dpids.add(dpid)
        except (OSError, ConnectionError, struct.error):
            pass
        finally:
            conn.close()

