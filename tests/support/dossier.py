"""Reading a previewed dossier in tests: a student as a viewer sees them, a tile, a field."""

from __future__ import annotations

from datetime import date

from desktop.services.facade import Vitrail
from desktop.services.storage import Database
from desktop.services.visibility.view import DossierView, FieldView, TileView
from desktop.services.visibility.viewers import ViewerSpec


def view_of(database: Database, student_id: int, spec: ViewerSpec, on: date) -> DossierView:
    """What ``spec`` sees of the student on ``on``, through the same façade as the window."""
    return Vitrail(database).visibility.view(student_id, spec, on)


def tile(view: DossierView, tile_id: str) -> TileView:
    return next(t for t in view.tiles if t.id == tile_id)


def field(view: DossierView, tile_id: str, field_id: str) -> FieldView:
    return next(f for f in tile(view, tile_id).fields if f.id == field_id)
