"""Comment rendering: Markdown (a safe subset) to sanitized HTML, with hashtags and @mentions linked.

Raw HTML typed in a comment shows as text; see `source` for the subset, `prose` for the links added to it and
`sanitize` for the allow-list every stored comment passes.
"""

from comments_service.rendering.render import RenderedComment, render_comment

__all__ = ["RenderedComment", "render_comment"]
