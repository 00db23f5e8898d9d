"""The youth file (one module per section) and registering a new youth."""
