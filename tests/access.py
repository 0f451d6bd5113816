"""Checks of what a role may do, shared by the tests of several record areas."""


def assert_viewer_reads_but_cannot_write(viewer, area: str, record_id: int, name: str, form: dict) -> None:
    """A viewer finds the record `name` in the list of `area` ("contributions", …) and on its
    page, without the edit link and the history, and gets 403 for new, edit and delete, whether
    asking for the form or posting `form`."""
    assert name in viewer.get(f"/{area}/").text
    page = viewer.get(f"/{area}/{record_id}").text
    assert name in page and f"/{area}/{record_id}/edit" not in page
    assert "Verlauf" not in page
    for url in (f"/{area}/new", f"/{area}/{record_id}/edit", f"/{area}/{record_id}/delete"):
        assert viewer.get(url).status_code == 403, url
        assert viewer.post(url, data=form).status_code == 403, url
