"""The fast QR drawing gives the very codes qrcode gives: same matrix, same mask, same bytes.

Codes are printed on posters and kept in the build cache, so a faster drawing
that chose another mask for even one URL would change a printed code. Each
test holds the fast path against qrcode's own `make()` and `lost_point`.
"""

from __future__ import annotations

import io
import string

import pytest
import qrcode
import qrcode.exceptions
import qrcode.util
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from PIL import Image

from gongshi.surveys import qrmatrix
from gongshi.surveys.qr import LEVELS, QUIET_ZONE, draw


def matrix(url: str, level: str) -> list[list[bool]]:
    """The fast symbol, quiet zone included, in the shape `qrcode.QRCode.get_matrix()` gives."""
    n, rows = qrmatrix.matrix_rows(url, LEVELS[level])
    margin = [False] * QUIET_ZONE
    blank = [[False] * (n + 2 * QUIET_ZONE)] * QUIET_ZONE
    body = [margin + [bool(row >> c & 1) for c in range(n)] + margin for row in rows]
    return blank + body + blank


UNRESERVED = string.ascii_letters + string.digits + "-._~"
RESERVED = "/?#[]@!$&'()*+,;=:"
HEX = "0123456789ABCDEF"


@st.composite
def urls(draw_from, min_size: int = 10, max_size: int = 400) -> str:
    """Survey-link shapes: ASCII, %-escapes (Chinese unit names), long digit and upper-case runs.

    The runs make qrcode split the data into numeric and alphanumeric segments
    (it does so from 20 characters), so every encoding mode is exercised.
    """
    parts = [
        draw_from(
            st.sampled_from(["https://www.wjx.cn/vm/", "https://myd.qinglan.gov.cn/s/", "HTTP://A.CN/"])
        )
    ]
    pieces = st.one_of(
        st.text(UNRESERVED + RESERVED, min_size=1, max_size=12),
        st.builds("%{}{}".format, st.sampled_from(HEX), st.sampled_from(HEX)),
        st.text(string.digits, min_size=15, max_size=45),
        st.text(string.digits + string.ascii_uppercase + " $%*+-./:", min_size=15, max_size=45),
        st.just(".unit-123.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
    )
    target = draw_from(st.integers(min_size, max_size))
    while len("".join(parts)) < target:
        parts.append(draw_from(pieces))
    return "".join(parts)[:target]


def qrcode_matrix(url: str, level: str) -> list[list[bool]]:
    """What the code looked like before: qrcode's own make() and get_matrix()."""
    code = qrcode.QRCode(error_correction=LEVELS[level], border=QUIET_ZONE, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def same_as_qrcode(url: str, level: str) -> None:
    try:
        expected = qrcode_matrix(url, level)
    except ValueError:  # qrcode 8.2 cannot draw it at all (see the zero-block test below)
        reject()
    assert matrix(url, level) == expected


@settings(max_examples=25, deadline=None)
@given(url=urls(max_size=120), level=st.sampled_from(sorted(LEVELS)))
def test_the_matrix_is_the_one_qrcode_makes(url, level):
    same_as_qrcode(url, level)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(url=urls(), level=st.sampled_from(sorted(LEVELS)))
def test_the_matrix_is_the_one_qrcode_makes_up_to_400_characters(url, level):
    same_as_qrcode(url, level)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(url=urls(), level=st.sampled_from(sorted(LEVELS)))
def test_each_masks_penalty_is_qrcodes_lost_point(url, level):
    """Every score, not only the winner's: a tie broken differently would still pass the tests above."""
    try:
        qrcode_matrix(url, level)
    except ValueError:
        reject()
    fast = qrmatrix.unmasked(url, LEVELS[level])
    code = qrcode.QRCode(error_correction=LEVELS[level])
    code.add_data(url)
    code.best_fit()
    assert fast.version == code.version
    for mask in qrmatrix.MASKS:
        code.makeImpl(True, mask)  # the symbol best_mask_pattern scores
        assert qrmatrix.penalty(fast, mask) == qrcode.util.lost_point(code.modules), mask
    assert qrmatrix.best_mask(fast) == code.best_mask_pattern()


def old_svg_path(rows: list[list[bool]]) -> str:
    """The SVG path as it was drawn before, one subpath per run of dark modules."""
    parts = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def old_png(rows: list[list[bool]], scale: int = 10) -> bytes:
    """The PNG as it was drawn before: one pixel a module, scaled up, saved by Pillow."""
    n = len(rows)
    image = Image.new("1", (n, n), 1)
    image.putdata([0 if dark else 1 for row in rows for dark in row])
    image = image.resize((n * scale, n * scale), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


WJX = "https://www.wjx.cn/vm/abcdefg.aspx?sojumpparm=2026-r1.unit-123." + "0123456789abcdef" * 4


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_a_survey_codes_svg_path_and_png_bytes_are_unchanged(level):
    """Cached codes stay valid and reprinted posters identical: the same bytes as before."""
    rows = qrcode_matrix(WJX, level)
    image = draw(WJX, level)
    assert (image.modules, image.path, image.png) == (len(rows), old_svg_path(rows), old_png(rows))


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(url=urls(max_size=200), level=st.sampled_from(sorted(LEVELS)))
def test_the_svg_path_and_png_bytes_are_unchanged_so_cached_codes_stay_valid(url, level):
    try:
        rows = qrcode_matrix(url, level)
    except ValueError:
        reject()
    image = draw(url, level)
    assert image.modules == len(rows)
    assert image.path == old_svg_path(rows)
    assert image.png == old_png(rows)


@pytest.mark.parametrize(("length", "level"), [(1, "M"), (700, "M"), (1200, "M")])
def test_the_smallest_and_the_large_versions_match_too(length, level):
    """Version 1, and versions 27 and up, where qrcode counts lengths in more bits."""
    url = ("https://a.cn/" + "x" * length)[: max(length, 1)]
    assert matrix(url, level) == qrcode_matrix(url, level)


def test_data_too_long_for_any_code_fails_as_qrcode_fails():
    url = "https://a.cn/" + "x" * 3000
    with pytest.raises(ValueError, match="Invalid version"):  # qrcode 8.2's own words for it
        qrcode_matrix(url, "M")
    with pytest.raises(qrcode.exceptions.DataOverflowError):
        matrix(url, "M")
