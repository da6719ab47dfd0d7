"""plein-scrollables: content that scrolls sideways on a phone takes the keyboard's focus."""
