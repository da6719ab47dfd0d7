"""plein-hashtags: `#tags` in prose become links to generated hashtag pages."""
