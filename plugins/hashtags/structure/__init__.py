"""What plein-hashtags attaches to pages and gathers over the site."""

from plugins.hashtags.structure.hashtag import Hashtag
from plugins.hashtags.structure.tag_index import TagIndex

__all__ = ["Hashtag", "TagIndex"]
