"""Pagination: no block is cut by a page break, headings stay with what follows, headers repeat."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QPdfWriter

from careerdesk.report.flow import Block, Paper, attribution_height, paginate, spacer
from careerdesk.report.pdf import ReportOptions, apply_page_layout

ATTRIBUTION = "Catalogue data from somewhere, under some licence."


def _paper(tmp_path_factory):
    writer = QPdfWriter(str(tmp_path_factory.mktemp("flow") / "x.pdf"))
    writer.setResolution(96)
    apply_page_layout(writer, ReportOptions(page="A4"))
    return writer, Paper(writer)


def _noop(_p, _w):
    return None


blocks_strategy = st.lists(
    st.tuples(
        st.floats(min_value=2, max_value=300),
        st.booleans(),  # keep with next
        st.booleans(),  # catalogue
        st.sampled_from(["block", "spacer", "new_page"]),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=60, deadline=None)
@given(specs=blocks_strategy)
def test_no_block_crosses_the_foot_of_its_page(tmp_path_factory, specs):
    writer, paper = _paper(tmp_path_factory)
    blocks = []
    for height, keep, catalogue, kind in specs:
        if kind == "spacer":
            blocks.append(spacer(height))
        else:
            blocks.append(
                Block(
                    height,
                    _noop,
                    keep_with_next=keep,
                    catalogue=catalogue,
                    new_page=kind == "new_page",
                )
            )
    pages = paginate(blocks, paper, ATTRIBUTION)
    body = paper.height - Paper.MARGIN_FOOTER
    attr = attribution_height(paper, ATTRIBUTION)
    placed = [b for page in pages for b, _y in page.items]
    assert [b for b in blocks if not b.spacer] == [b for b in placed if not b.spacer]
    for page in pages:
        room = body - (attr if page.catalogue else 0.0)
        assert page.catalogue == any(b.catalogue for b, _y in page.items)
        y = 0.0
        for block, top in page.items:
            assert top == y  # one after the other, never overlapping
            y += block.height
            assert top + block.height <= room + 1e-6 or top == 0.0
        assert not page.items or not page.items[0][0].spacer
    del writer


def test_a_heading_moves_with_the_first_row_and_table_headers_repeat(tmp_path_factory):
    writer, paper = _paper(tmp_path_factory)
    body = paper.height - Paper.MARGIN_FOOTER
    filler = Block(body - 30, _noop)
    heading = Block(20, _noop, keep_with_next=True)
    header = Block(15, _noop, keep_with_next=True)
    rows = [Block(40, _noop, header=header) for _ in range(30)]
    pages = paginate([filler, heading, header, *rows], paper, ATTRIBUTION)
    assert pages[0].items == [(filler, 0.0)]
    assert [b for b, _y in pages[1].items[:3]] == [heading, header, rows[0]]
    for page in pages[2:]:
        assert page.items[0][0] is header  # the table's header on every page it spans
    del writer
