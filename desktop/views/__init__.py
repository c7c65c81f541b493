"""Qt widgets, dialogs and the item models that serve them. Only this package imports Qt."""
