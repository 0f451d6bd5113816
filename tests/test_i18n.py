"""German is the source language; every UI string has an English translation, and users who
chose English get it."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from coordination.extensions import db

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_messages() -> set[str]:
    found = set()
    for folder, pattern, method in (("coordination", "**.py", "python"), ("templates", "**.html", "jinja2"),
                                    ("coordination/help", "topics.toml", "coordination.help.prose:extract")):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[(pattern, method)], keywords=KEYWORDS):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_ui_string_has_an_english_translation():
    with open(ROOT / "coordination/translations/en/LC_MESSAGES/messages.po", "rb") as file:
        catalogue = read_po(file)
    translated = {message.id[0] if isinstance(message.id, tuple) else message.id
                  for message in catalogue
                  if message.id and message.string and not message.fuzzy
                  and (not isinstance(message.string, tuple) or all(message.string))}
    missing = sorted(source_messages() - translated)
    assert not missing, f"run `make messages` and translate: {missing[:10]}"


def test_help_prose_is_extracted_and_shown_in_english(as_coordinator, user):
    """The help topics kept as data reach the catalogue and the page through gettext."""
    assert "Aktuell halten" in source_messages()
    user("coord").locale = "en"
    db.session.commit()
    html = as_coordinator.get("/help/actors").text
    assert "Keeping it up to date" in html
    assert "Aktuell halten" not in html and "Beispiele" not in html
    assert '<a href="/help/import">' in html


def test_user_who_chose_english_sees_english(as_coordinator, user):
    user("coord").locale = "en"
    db.session.commit()
    html = as_coordinator.get("/actors/").text
    assert '<html lang="en">' in html and "Actors" in html and "Akteure" not in html


def test_german_is_the_default(as_coordinator):
    html = as_coordinator.get("/actors/").text
    assert '<html lang="de">' in html and "Akteure" in html
