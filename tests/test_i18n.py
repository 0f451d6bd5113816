"""German is the source language; every UI string has an English translation, and users who
chose English get it."""
import ast
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



def _from_catalogue(text: ast.expr) -> bool:
    """A printed text is a gettext call, a value computed elsewhere, or a choice between such."""
    if isinstance(text, ast.IfExp):
        return _from_catalogue(text.body) and _from_catalogue(text.orelse)
    if isinstance(text, ast.Call) and isinstance(text.func, ast.Name):
        return text.func.id in KEYWORDS
    return isinstance(text, (ast.Name, ast.Attribute, ast.Call))


def test_command_line_sentences_go_through_the_catalogue():
    """What `flask` commands print is German from the catalogue: no f-string or literal handed to
    click.echo / click.prompt (the restore command printed "Eingespielt: 1 Zeilen …")."""
    bare = []
    for path in sorted((ROOT / "coordination").rglob("cli.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "click"
                    and node.func.attr in ("echo", "prompt") and node.args
                    and not _from_catalogue(node.args[0])):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bare, bare
