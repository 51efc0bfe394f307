"""Operation cases of the do/undo/redo table, one module per area."""
