"""The QR matrix `qrcode` makes, drawn in a fraction of the time.

`qrcode.QRCode.make()` lays the symbol out eight times and scores each mask
with the pure-Python `util.lost_point`, and encodes bits one at a time: most
of the cost of a build's codes. Here the symbol is held as one integer (bit
`row * n + column`, set is dark) and its transpose:

- `qrcode` still splits the data into segments (`optimal_data_chunks`) and
  lays out the function patterns (once per version, by its own methods); its
  tables give the block structure and the Reed-Solomon generators;
- the bit stream and the error-correction codewords are built on integers,
  in the order `util.create_data` builds them;
- each mask's penalty is counted with bitwise operations, by the rules of
  `util.lost_point`, quirks included, on the symbol `best_mask_pattern`
  scores (format and version information light, the dark module light too);
  the lowest penalty wins, the first mask on a tie.

Written against qrcode 8.2 (pinned in pyproject.toml); the unit tests hold
every matrix and every penalty against qrcode's own, so a new qrcode that
changed either would fail them before a poster changed.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

import qrcode
import qrcode.base
import qrcode.exceptions
import qrcode.util
from qrcode.LUT import rsPoly_LUT

MASKS = range(8)


@dataclass(frozen=True)
class Layout:
    """What does not depend on the data, for one version, as integers."""

    n: int  # modules a side, no quiet zone
    fixed: int  # dark function modules while masks are scored (format and version light)
    fixed_t: int  # the same, transposed
    capacity: int  # data modules (codeword bits and remainder bits)
    spread: Callable[[str], tuple[str, ...]]  # data bits as text -> every module, last first
    spread_t: Callable[[str], tuple[str, ...]]  # the same, transposed
    masks: tuple[int, ...]  # per mask: the data modules it flips
    masks_t: tuple[int, ...]
    version_info: int  # dark modules of the version information (versions 7 and up)


@dataclass(frozen=True)
class Windows:
    """Bit masks of the start positions where each penalty pattern fits in a row."""

    full: int
    run5: int  # five in a row: columns 0 .. n-5
    block: int  # 2x2: rows and columns 0 .. n-2
    finder: int  # eleven in a row: columns 0 .. n-11


@dataclass(frozen=True)
class Unmasked:
    """A code's data in place, before any mask: what each mask is scored on."""

    version: int
    error_correction: int
    layout: Layout
    plain: int  # dark data modules, unmasked
    plain_t: int  # the same, transposed


def unmasked(url: str, error_correction: int) -> Unmasked:
    """Encode as `QRCode.add_data(url)` then `make(fit=True)` would, up to the mask."""
    chunks = qrcode.util.optimal_data_chunks(url, minimum=20)  # add_data's default
    segments = [(chunk.mode, len(chunk), *_payload(chunk)) for chunk in chunks]
    version = _fit(segments, error_correction)
    layout = _layout(version)
    plain, plain_t = _place(layout, _codewords(segments, version, error_correction))
    return Unmasked(version, error_correction, layout, plain, plain_t)


def matrix_rows(url: str, error_correction: int) -> tuple[int, list[int]]:
    """The symbol `make(fit=True)` gives, without quiet zone: its size and each row as bits.

    Bit `c` of a row (least significant first) is column `c`; set means dark.
    """
    code = unmasked(url, error_correction)
    layout = code.layout
    best = best_mask(code)
    symbol = layout.fixed | layout.version_info | _format_info(code.version, error_correction, best)
    symbol |= code.plain ^ layout.masks[best]
    n = layout.n
    row = (1 << n) - 1
    return n, [(symbol >> (r * n)) & row for r in range(n)]


def best_mask(code: Unmasked) -> int:
    """The mask `QRCode.best_mask_pattern` picks: lowest penalty, first on ties."""
    scores = [penalty(code, mask) for mask in MASKS]
    return scores.index(min(scores))


def penalty(code: Unmasked, mask: int) -> int:
    """`qrcode.util.lost_point` of the symbol `best_mask_pattern` scores for `mask`."""
    layout = code.layout
    n = layout.n
    windows = _windows(n)
    rows = layout.fixed | (code.plain ^ layout.masks[mask])
    columns = layout.fixed_t | (code.plain_t ^ layout.masks_t[mask])
    score = _runs(rows, windows) + _runs(columns, windows)
    score += _blocks(rows, n, windows)
    score += _finders(rows, windows) + _finders(columns, windows)
    return score + _balance(rows, n)


def _runs(x: int, w: Windows) -> int:
    """Rule 1: a run of k >= 5 same-coloured modules costs k - 2.

    A run of k holds k - 4 windows of five, and has one first window: k - 2.
    """
    y = x ^ w.full
    fives = (x & x >> 1 & x >> 2 & x >> 3 & x >> 4 | y & y >> 1 & y >> 2 & y >> 3 & y >> 4) & w.run5
    return fives.bit_count() + 2 * (fives & ~(fives << 1)).bit_count()


def _blocks(x: int, n: int, w: Windows) -> int:
    """Rule 2: each 2x2 block of one colour costs 3 (overlapping blocks all count)."""
    y = x ^ w.full
    dark = x & x >> 1 & x >> n & x >> (n + 1)
    light = y & y >> 1 & y >> n & y >> (n + 1)
    return 3 * ((dark | light) & w.block).bit_count()


def _finders(x: int, w: Windows) -> int:
    """Rule 3: 1011101 with four light modules on one side, within the symbol, costs 40.

    qrcode looks only at windows of eleven inside the symbol (the quiet zone
    does not count), which is what this does too.
    """
    y = x ^ w.full
    common = y >> 1 & x >> 4 & y >> 5 & x >> 6 & y >> 9 & w.finder
    before = x & x >> 2 & x >> 3 & y >> 7 & y >> 8 & y >> 10  # 10111010000
    after = y & y >> 2 & y >> 3 & x >> 7 & x >> 8 & x >> 10  # 00001011101
    return 40 * (common & (before | after)).bit_count()


def _balance(x: int, n: int) -> int:
    """Rule 4, in qrcode's own floating-point arithmetic so the rounding is the same."""
    percent = float(x.bit_count()) / (n**2)
    return int(abs(percent * 100 - 50) / 5) * 10


class _Bits:
    """The part of `util.BitBuffer` that `QRData.write` uses, on one integer."""

    __slots__ = ("length", "value")

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = self.value << length | (num & ((1 << length) - 1))
        self.length += length


def _payload(segment: qrcode.util.QRData) -> tuple[int, int]:
    """A segment's data bits (without mode and length): their value and count."""
    bits = _Bits()
    segment.write(bits)
    return bits.value, bits.length


Segment = tuple[int, int, int, int]  # mode, characters, payload bits, payload length


def _fit(segments: list[Segment], error_correction: int) -> int:
    """The smallest version that holds the data, as `QRCode.best_fit` finds it."""
    start = 1
    while True:
        sizes = qrcode.util.mode_sizes_for_version(start)
        needed = sum(4 + sizes[mode] + length for mode, _, _, length in segments)
        version = bisect_left(qrcode.util.BIT_LIMIT_TABLE[error_correction], needed, start)
        if version == 41:
            raise qrcode.exceptions.DataOverflowError()
        if sizes is qrcode.util.mode_sizes_for_version(version):
            return version
        start = version


def _codewords(segments: list[Segment], version: int, error_correction: int) -> bytes:
    """Data and error-correction codewords, interleaved, as `util.create_data` returns them."""
    bits = _Bits()
    for mode, count, payload, length in segments:
        bits.put(mode, 4)
        bits.put(count, qrcode.util.length_in_bits(mode, version))
        bits.put(payload, length)
    blocks = qrcode.base.rs_blocks(version, error_correction)
    limit = sum(block.data_count * 8 for block in blocks)
    if bits.length > limit:
        raise qrcode.exceptions.DataOverflowError()
    bits.put(0, min(limit - bits.length, 4))  # terminator
    bits.put(0, -bits.length % 8)
    filler = bytes((qrcode.util.PAD0, qrcode.util.PAD1)) * ((limit - bits.length) // 16 + 1)
    stream = bits.value.to_bytes(bits.length // 8, "big") + filler[: (limit - bits.length) // 8]
    data: list[bytes] = []
    ecc: list[bytes] = []
    offset = 0
    for block in blocks:
        data.append(stream[offset : offset + block.data_count])
        offset += block.data_count
        ecc.append(_remainder(data[-1], block.total_count - block.data_count))
    return _interleave(data) + _interleave(ecc)


def _interleave(blocks: list[bytes]) -> bytes:
    longest = max(len(block) for block in blocks)
    return bytes(block[i] for i in range(longest) for block in blocks if i < len(block))


def _remainder(data: bytes, count: int) -> bytes:
    """Reed-Solomon: the data times x^count modulo qrcode's generator, as `count` bytes."""
    table = _multiples(count)
    top = 8 * (count - 1)
    keep = (1 << (8 * count)) - 1
    register = 0
    for byte in data:
        register = (register << 8) & keep ^ table[(register >> top) ^ byte]
    return register.to_bytes(count, "big")


@functools.cache
def _multiples(count: int) -> tuple[int, ...]:
    """Per factor f: the generator's lower coefficients times f, packed one byte each."""
    if count in rsPoly_LUT:
        generator = list(rsPoly_LUT[count])
    else:  # not reached by any QR version; built as qrcode builds it
        poly = qrcode.base.Polynomial([1], 0)
        for i in range(count):
            poly = poly * qrcode.base.Polynomial([1, qrcode.base.gexp(i)], 0)
        generator = list(poly)
    multiples = [0]
    for factor in range(1, 256):
        packed = 0
        for coefficient in generator[1:]:
            product = 0
            if coefficient:
                product = qrcode.base.gexp(qrcode.base.glog(coefficient) + qrcode.base.glog(factor))
            packed = packed << 8 | product
        multiples.append(packed)
    return tuple(multiples)


def _place(layout: Layout, data: bytes) -> tuple[int, int]:
    """The data codewords in their modules, unmasked; the remainder bits stay light.

    The bits, as text, are gathered into symbol order by one `itemgetter` call
    (a module outside the data reads the "0" appended last) and read back as
    an integer: no loop over modules in Python.
    """
    text = format(int.from_bytes(data, "big"), f"0{len(data) * 8}b").ljust(layout.capacity, "0") + "0"
    return int("".join(layout.spread(text)), 2), int("".join(layout.spread_t(text)), 2)


@functools.cache
def _windows(n: int) -> Windows:
    def columns(last: int) -> int:
        row = (1 << (last + 1)) - 1
        return sum(row << (r * n) for r in range(n))

    block = columns(n - 2) & ((1 << ((n - 1) * n)) - 1)
    return Windows((1 << (n * n)) - 1, columns(n - 5), block, columns(n - 11))


@functools.cache
def _layout(version: int) -> Layout:
    """The blank symbol of a version, laid out by qrcode's own methods (as `makeImpl`)."""
    blank = _blank(version)
    blank.setup_type_info(True, 0)  # as best_mask_pattern scores: format light
    if version >= 7:
        blank.setup_type_number(True)
    modules = blank.modules
    n = blank.modules_count
    dark = [(r, c) for r in range(n) for c in range(n) if modules[r][c]]
    places = _placement(modules, n)
    masks, masks_t = [], []
    for mask in MASKS:
        flips = qrcode.util.mask_func(mask)
        flipped = [(r, c) for r, c in places if flips(r, c)]
        masks.append(_symbol(n, flipped))
        masks_t.append(_symbol(n, [(c, r) for r, c in flipped]))
    version_info = 0
    if version >= 7:
        info = _blank(version)
        info.setup_type_number(False)
        version_info = _symbol(n, [(r, c) for r in range(n) for c in range(n) if info.modules[r][c]])
    capacity = len(places)
    source = [capacity] * (n * n)  # per module (bit index), where its bit is in the text
    source_t = [capacity] * (n * n)
    for k, (r, c) in enumerate(places):
        source[r * n + c] = k
        source_t[c * n + r] = k
    return Layout(
        n,
        _symbol(n, dark),
        _symbol(n, [(c, r) for r, c in dark]),
        capacity,
        itemgetter(*reversed(source)),  # most significant bit (the last module) first
        itemgetter(*reversed(source_t)),
        tuple(masks),
        tuple(masks_t),
        version_info,
    )


@functools.cache
def _format_info(version: int, error_correction: int, mask: int) -> int:
    """Dark modules of the format information and the dark module, as `make()` sets them."""
    info = _blank(version)
    n = info.modules_count
    info.error_correction = error_correction
    info.setup_type_info(False, mask)
    return _symbol(n, [(r, c) for r in range(n) for c in range(n) if info.modules[r][c]])


def _symbol(n: int, modules: list[tuple[int, int]]) -> int:
    """The integer with the bits of these (row, column) modules set."""
    cells = bytearray(b"0") * (n * n)
    for r, c in modules:
        cells[-1 - (r * n + c)] = ord("1")
    return int(cells, 2)


def _blank(version: int) -> qrcode.QRCode:
    """A QRCode holding only a version's finder, alignment and timing patterns (`None` elsewhere)."""
    code = qrcode.QRCode(version=version)
    n = code.modules_count = version * 4 + 17
    code.modules = [[None] * n for _ in range(n)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(n - 7, 0)
    code.setup_position_probe_pattern(0, n - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    return code


def _placement(modules: list[list[bool | None]], n: int) -> list[tuple[int, int]]:
    """The free modules in the zigzag order of qrcode's `map_data`."""
    places: list[tuple[int, int]] = []
    row, step = n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1
        while True:
            for c in (col, col - 1):
                if modules[row][c] is None:
                    places.append((row, c))
            row += step
            if row < 0 or row >= n:
                row -= step
                step = -step
                break
    return places
