from portal.models.pages import HomePage
from portal.models.settings import BureauSettings

__all__ = ["BureauSettings", "HomePage"]
