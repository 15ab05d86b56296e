"""The Textual application: screens, widgets and styles. Everything else in viewer is UI-free."""
