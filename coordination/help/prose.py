"""The help topics' prose as data (topics.toml, written like Markdown): read into blocks for
templates/help/prose.html, and a Babel extraction method so that every sentence is in the catalogue."""
import tomllib
from pathlib import Path
from typing import NamedTuple

SOURCE = Path(__file__).with_name("topics.toml")
MARKERS = (("## ", "h2"), ("- ", "ul"), ("1. ", "ol"))


class Block(NamedTuple):
    kind: str  # "p", "h2", "ul" or "ol"
    texts: tuple[str, ...]  # the paragraph or heading, or the list's items (German msgids)
    link: str | None = None  # a paragraph's link to another help topic ...
    label: str | None = None  # ... and the link's text


def blocks(entries: list) -> list[Block]:
    """The blocks of one topic; list items in a row make one list."""
    found: list[Block] = []
    for entry in entries:
        if isinstance(entry, dict):
            found.append(Block("p", (entry["p"],), entry["link"], entry["label"]))
            continue
        kind, text = next(((kind, entry[len(marker):]) for marker, kind in MARKERS
                           if entry.startswith(marker)), ("p", entry))
        if kind in ("ul", "ol") and found and found[-1].kind == kind:
            found[-1] = found[-1]._replace(texts=found[-1].texts + (text,))
        else:
            found.append(Block(kind, (text,)))
    return found


def read(file) -> dict[str, list[Block]]:
    return {topic: blocks(entries) for topic, entries in tomllib.load(file).items()}


with SOURCE.open("rb") as _file:
    PROSE = read(_file)


def extract(fileobj, keywords, comment_tags, options):
    """Babel extraction method for topics.toml: every heading, paragraph, list item and link text."""
    for topic in read(fileobj).values():
        for block in topic:
            for text in block.texts + ((block.label,) if block.label else ()):
                yield 0, None, text, []
