"""The Qt GUI shell: windows, views and item models over the core services (no SQL here)."""
