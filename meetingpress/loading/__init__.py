"""Loading, for every command: YAML files → validated meetings with their series, theme and images (`load.py`)."""
