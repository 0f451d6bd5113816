"""Uploaded import files between the steps (mapping, preview, import), kept in instance/imports/.

Each upload is a folder named by a random token with the file and a small JSON state (mapping,
options, the last check's result). Only the user who uploaded it can open it; uploads older than
a day are removed whenever a new one arrives, and an upload is removed once it is imported.
"""
from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
MAX_AGE_SECONDS = 24 * 3600


def _root() -> Path:
    return Path(current_app.config.get("IMPORT_FOLDER") or Path(current_app.instance_path) / "imports")


@dataclass
class Upload:
    token: str
    folder: Path
    state: dict

    @property
    def content(self) -> bytes:
        return (self.folder / "file").read_bytes()

    @property
    def filename(self) -> str:
        return self.state["filename"]

    def save(self) -> None:
        (self.folder / "state.json").write_text(json.dumps(self.state, ensure_ascii=False), encoding="utf-8")

    def delete(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def create(filename: str, content: bytes, user_id: int) -> Upload:
    _remove_old()
    token = secrets.token_urlsafe(18)
    folder = _root() / token
    folder.mkdir(parents=True, mode=0o700)
    (folder / "file").write_bytes(content)
    upload = Upload(token, folder, {"filename": filename, "user_id": user_id, "created": time.time(),
                                    "sheets": None, "options": {}, "result": None})
    upload.save()
    return upload


def load(token: str, user_id: int) -> Upload:
    """The upload `token` of this user, or 404."""
    if not TOKEN_PATTERN.match(token):
        abort(404)
    folder = _root() / token
    try:
        state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        abort(404)
    if state.get("user_id") != user_id:
        abort(404)
    return Upload(token, folder, state)


def _remove_old() -> None:
    root = _root()
    if not root.is_dir():
        return
    limit = time.time() - MAX_AGE_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
