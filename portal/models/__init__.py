from portal.models.announcements import AnnouncementIndexPage, AnnouncementPage
from portal.models.pages import ContentPage, HomePage
from portal.models.reception import ReceptionIndexPage, ReceptionNoticePage
from portal.models.reward import RewardPolicyPage
from portal.models.settings import BureauSettings

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "BureauSettings",
    "ContentPage",
    "HomePage",
    "ReceptionIndexPage",
    "ReceptionNoticePage",
    "RewardPolicyPage",
]
