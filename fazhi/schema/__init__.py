"""The schema: pydantic models of a report profile, loaded from YAML.

    from fazhi.schema import load_profile
    profile = load_profile("township")        # built-in name or a path to a .yaml
"""

from fazhi.schema.loader import available_profiles, load_profile  # noqa: F401
from fazhi.schema.models import PART_IDS, Profile  # noqa: F401
