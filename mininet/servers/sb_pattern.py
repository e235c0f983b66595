"""The byte pattern streamed by the test servers and checked by the test client.

Byte number i of every response body is ``i % 251``. The period is prime, so a lost, duplicated or
reordered run of bytes of almost any size shows up as a mismatch.
"""

PERIOD = 251
_BLOCK_PERIODS = 256
_BLOCK = bytes(range(PERIOD)) * _BLOCK_PERIODS


def chunk(offset, size):
    """Return the ``size`` pattern bytes that start at absolute ``offset``."""
    out = bytearray()
    while size > 0:
        start = offset % PERIOD
        take = min(size, len(_BLOCK) - start)
        out += _BLOCK[start:start + take]
        offset += take
        size -= take
    return bytes(out)


def first_mismatch(data, offset=0):
    """Return the absolute offset of the first byte of ``data`` that breaks the pattern, or -1."""
    expected = chunk(offset, len(data))
    if data == expected:
        return -1
    for i, (got, want) in enumerate(zip(data, expected)):
        if got != want:
            return offset + i
    return offset + min(len(data), len(expected))
