"""Comment rendering: Markdown (a safe subset) to sanitized HTML, with hashtags and @mentions linked.

Raw HTML typed in a comment is escaped and shows as text; see `subset` for the subset and `sanitize` for the
allow-list every stored comment passes.
"""

from comments_service.rendering.render import RenderedComment, render_comment

__all__ = ["RenderedComment", "render_comment"]
