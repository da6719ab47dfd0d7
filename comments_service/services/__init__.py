"""The service layer: every query and every change to the stored data lives here, not in views."""
