"""plein-assets: the theme's scripts and styles, minified in the built site."""
