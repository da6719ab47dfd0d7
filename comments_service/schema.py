"""Every table of the service in one metadata: the core's and each capability package's.

Alembic compares its migrations with this, and the tests empty these tables between runs; a package that
adds tables adds its models module here.
"""

from __future__ import annotations

from .analytics import models as _analytics  # noqa: F401 - its tables join the metadata
from .models import Base
from .announcements import models as _announcements  # noqa: F401 - its tables join the metadata
from .departments import models as _departments  # noqa: F401 - its tables join the metadata
from .notifications import models as _notifications  # noqa: F401 - its tables join the metadata
from .notifications import periods as _periods  # noqa: F401 - the job queue's periodic_runs
from .privacy import models as _privacy  # noqa: F401
from .questions import models as _questions  # noqa: F401 - its tables join the metadata

metadata = Base.metadata
