"""The user's own database lives in the per-user data folder, private to them."""

from __future__ import annotations

import stat

from careerdesk import paths


def test_default_database_folder_is_created_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    path = paths.default_database()
    assert path == tmp_path / "share" / "CareerDesk" / "careerdesk.db"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not path.exists()  # created by the database module when opened
